package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/**
 * Walks every operation in the OpenAPI document under the moderation and admin paths, so that an endpoint added
 * later without a role check fails here instead of shipping open.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class RolesTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @BeforeEach
    void anAccountWithNoRole() {
        // Signed in is not enough: this account has neither role.
        int status = given().auth().basic("admin", "test-admin-password").contentType("application/json")
                .body("{\"username\":\"reader\",\"password\":\"test-reader-password\",\"roles\":[]}")
                .post("/api/v1/admin/accounts").statusCode();
        assertTrue(status == 201 || status == 409, "creating the reader account: " + status);
    }

    @Test
    void everyModerationAndAdminOperationRefusesStrangersAndTheWrongRole() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> checked = new ArrayList<>();
        paths.forEach((path, operations) -> {
            boolean admin = path.startsWith("/api/v1/admin");
            if (!admin && !path.startsWith("/api/v1/moderation") && !path.startsWith("/api/v1/auth")) {
                return;
            }
            String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (String method : operations.keySet()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                String operation = method.toUpperCase() + " " + path;
                assertRefused(given().contentType("application/json").body("{}").request(method, concrete), 401, operation);
                assertRefused(given().auth().basic("reader", "test-reader-password").contentType("application/json")
                        .body("{}").request(method, concrete), 403, operation + " as a reader");
                if (admin) {
                    assertRefused(given().auth().basic("moderator", "test-moderator-password")
                            .contentType("application/json").body("{}").request(method, concrete), 403,
                            operation + " as a moderator");
                }
                checked.add(operation);
            }
        });
        // The walk must have found the endpoints it is meant to guard.
        assertTrue(checked.contains("GET /api/v1/moderation/queue"), checked.toString());
        assertTrue(checked.contains("POST /api/v1/moderation/comments/{id}/decision"), checked.toString());
        assertTrue(checked.contains("PUT /api/v1/moderation/threads/state"), checked.toString());
        assertTrue(checked.contains("PUT /api/v1/admin/sites/{site}"), checked.toString());
        assertTrue(checked.contains("POST /api/v1/admin/accounts"), checked.toString());
        assertTrue(checked.contains("POST /api/v1/auth/tokens"), checked.toString());
    }

    private static void assertRefused(Response response, int status, String operation) {
        assertEquals(status, response.statusCode(), operation + " answered " + response.statusCode());
        assertTrue(response.contentType().startsWith("application/problem+json"), operation + ": " + response.contentType());
    }
}
