package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/** What a browser widget relies on besides the fields: retries with Idempotency-Key, CORS, the OpenAPI document. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class WidgetProtocolTest {
    private static final String ALLOWED = "https://news.example";

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    @Test
    void aRetriedPostWithTheSameKeyGetsTheFirstAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String body = IntakeTestSupport.comment("https://news.example/retry", "Ann", "Posted on a flaky train.");
        var first = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/v1/comments").then().statusCode(202).extract();
        String before = IntakeTestSupport.footprint(entityManager);
        var retry = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/api/v1/comments").then().statusCode(202).extract();
        assertEquals(first.path("id").toString(), retry.path("id").toString());
        assertEquals(first.path("editToken").toString(), retry.path("editToken").toString());
        assertEquals(first.path("editableUntil").toString(), retry.path("editableUntil").toString());
        assertEquals(before, IntakeTestSupport.footprint(entityManager));
        // The repeated token is a working one.
        given().header("X-Edit-Token", retry.path("editToken").toString()).get("/api/v1/comments/" + retry.path("id"))
                .then().statusCode(200).body("body", equalTo("Posted on a flaky train."));
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        given().contentType("application/json").header("Idempotency-Key", key)
                .body(IntakeTestSupport.comment("https://news.example/reuse", "Ann", "One"))
                .post("/api/v1/comments").then().statusCode(202);
        String before = IntakeTestSupport.footprint(entityManager);
        given().contentType("application/json").header("Idempotency-Key", key)
                .body(IntakeTestSupport.comment("https://news.example/reuse", "Ann", "Two"))
                .post("/api/v1/comments").then().statusCode(422).contentType("application/problem+json");
        given().contentType("application/json").header("Idempotency-Key", "short")
                .body(IntakeTestSupport.comment("https://news.example/reuse", "Ann", "Three"))
                .post("/api/v1/comments").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, IntakeTestSupport.footprint(entityManager));
    }

    @Test
    void aPreflightFromTheSitesPageIsAllowed() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, idempotency-key")
                .options("/api/v1/comments")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Headers", containsString("X-Edit-Token"));
        given().header("Origin", ALLOWED).contentType("application/json")
                .body(IntakeTestSupport.comment("https://news.example/cors", "Ann", "From the article page."))
                .post("/api/v1/comments")
                .then().statusCode(202).header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void anotherSitesPageMayNotUseTheForm() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/comments")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        String before = IntakeTestSupport.footprint(entityManager);
        given().header("Origin", "https://evil.example").contentType("application/json")
                .body(IntakeTestSupport.comment("https://news.example/cors", "Mallory", "Posted from elsewhere."))
                .post("/api/v1/comments")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        assertEquals(before, IntakeTestSupport.footprint(entityManager));
    }

    @Test
    void theOpenApiDocumentDescribesTheWriteApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/comments'.post.responses.'202'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/comments'.post.responses.'429'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/comments/{id}'.patch", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/comments/{id}'.delete", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/comments/{id}/flags'.post", org.hamcrest.Matchers.notNullValue());
    }
}
