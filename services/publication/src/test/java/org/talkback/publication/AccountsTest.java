package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/** Accounts in the database: created by an admin, bcrypt-hashed, Basic and bearer tokens, deleted for good. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class AccountsTest {

    @Inject
    EntityManager entityManager;

    static RequestSpecification admin() {
        return given().auth().basic("admin", "test-admin-password").contentType("application/json");
    }

    @Test
    void anAdminCreatesAModeratorWhoSignsInWithAPasswordOrAToken() {
        String name = "carla" + System.nanoTime();
        admin().body("{\"username\":\"%s\",\"password\":\"correct horse battery\",\"roles\":[\"moderator\"]}".formatted(name))
                .post("/api/v1/admin/accounts").then().statusCode(201);
        admin().get("/api/v1/admin/accounts").then().statusCode(200).body("username", hasItem(name))
                .body("[0]", not(hasItem("password_hash")));
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select password_hash from account where username = ?1").setParameter(1, name)
                .getSingleResult());
        assertTrue(stored.startsWith("$2"), "a bcrypt hash, not the password: " + stored);

        given().auth().basic(name, "correct horse battery").get("/api/v1/moderation/queue").then().statusCode(200);
        given().auth().basic(name, "correct horse battery!").get("/api/v1/moderation/queue").then().statusCode(401);
        given().auth().basic(name, "correct horse battery").contentType("application/json").body("{}")
                .put("/api/v1/admin/sites/default").then().statusCode(403);

        String token = given().auth().basic(name, "correct horse battery").post("/api/v1/auth/tokens")
                .then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/moderation/queue").then().statusCode(200);
        given().header("Authorization", "Bearer " + token + "x").get("/api/v1/moderation/queue").then().statusCode(401)
                .contentType("application/problem+json");

        // Deleting the account ends its password and its tokens at once.
        admin().delete("/api/v1/admin/accounts/" + name).then().statusCode(204);
        given().auth().basic(name, "correct horse battery").get("/api/v1/moderation/queue").then().statusCode(401);
        given().header("Authorization", "Bearer " + token).get("/api/v1/moderation/queue").then().statusCode(401);
    }

    @Test
    void badAccountsAreRefused() {
        admin().body("{\"username\":\"Bad Name\",\"password\":\"short\",\"roles\":[\"superuser\"]}")
                .post("/api/v1/admin/accounts").then().statusCode(400)
                .body("errors.field", hasItem("username")).body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("roles"));
        admin().body("{\"username\":\"moderator\",\"password\":\"another long password\",\"roles\":[]}")
                .post("/api/v1/admin/accounts").then().statusCode(409);
        admin().delete("/api/v1/admin/accounts/admin").then().statusCode(409);
        given().auth().basic("moderator", "test-moderator-password").get("/api/v1/moderation/queue").then().statusCode(200);
    }
}
