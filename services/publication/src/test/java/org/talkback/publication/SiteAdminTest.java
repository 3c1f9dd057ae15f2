package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;
import org.talkback.platform.testing.SignedEvents;

/** Newsroom admins configure sites; the settings are validated, applied here and sent to the other services. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class SiteAdminTest {

    EventSink others;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void freshSink() {
        others = EventSink.shared(18993);
        others.clear();
    }

    static RequestSpecification admin() {
        return given().auth().basic("admin", "test-admin-password").contentType("application/json");
    }

    @Test
    void anAdminCreatesASiteWhoseSettingsReachIntakeAndSpamCheck() {
        String site = "gazette-" + Long.toString(System.nanoTime(), 36);
        admin().body("""
                {"allowedOrigins":["https://Gazette.example/","http://localhost:3000"],"moderationMode":"pre",
                 "requireEmail":true,"editWindowSeconds":300,"linksBeforeHold":1,
                 "blockedWords":["Lottery"],"moderationWords":["referendum"],"akismetKeys":["abc123def456","local-development-key"]}""")
                .put("/api/v1/admin/sites/" + site).then().statusCode(200)
                .body("allowedOrigins", contains("https://gazette.example", "http://localhost:3000"))
                .body("blockedWords", contains("lottery"))
                .body("maxReplyDepth", equalTo(5))
                .body("bannedAuthors", equalTo("hold"));
        admin().get("/api/v1/admin/sites/" + site).then().statusCode(200).body("moderationMode", equalTo("pre"));

        for (String service : new String[] {"/comment-intake/", "/spam-check/"}) {
            await().atMost(Duration.ofSeconds(10)).until(() -> others.accepted(service, "SiteConfigured").stream()
                    .anyMatch(d -> d.body().contains(site)));
        }
        JsonPath event = JsonPath.from(others.accepted("/spam-check/", "SiteConfigured").stream()
                .filter(d -> d.body().contains(site)).findFirst().orElseThrow().body());
        assertEquals(site, event.getString("site"));
        assertEquals(1, event.getInt("payload.linksBeforeHold"));
        assertEquals("referendum", event.getString("payload.moderationWords[0]"));

        // The site's mode applies here: pre-moderation holds a comment spam-check calls ham.
        UUID id = UUID.randomUUID();
        String url = "https://gazette.example/story-" + id;
        deliver(site, "CommentSubmitted", id, """
                {"commentId":"%s","threadUrl":"%s","author":{"name":"Ann","email":"ann@example.org"},
                 "body":"Fine words.","createdAt":"%s"}""".formatted(id, url, Instant.now()));
        deliver(site, "CommentClassified", id, """
                {"commentId":"%s","checkId":"%s","verdict":"ham","score":0.1,"discard":false,"reasons":[]}"""
                .formatted(id, UUID.randomUUID()));
        given().queryParam("site", site).queryParam("url", url).get("/api/v1/threads/comments")
                .then().statusCode(200).body("comments", empty());
    }

    @Test
    void invalidSettingsAreRefusedAllAtOnceAndChangeNothing() {
        String site = "herald-" + Long.toString(System.nanoTime(), 36);
        admin().body("{\"moderationMode\":\"post\"}").put("/api/v1/admin/sites/" + site).then().statusCode(200);
        admin().body("""
                {"allowedOrigins":["javascript:alert(1)","https://ok.example/path"],"moderationMode":"sometimes",
                 "editWindowSeconds":-5,"maxReplyDepth":99,"akismetKeys":["short"],"bannedAuthors":"shoot"}""")
                .put("/api/v1/admin/sites/" + site).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("allowedOrigins", "moderationMode", "editWindowSeconds",
                        "maxReplyDepth", "akismetKeys", "bannedAuthors"));
        admin().get("/api/v1/admin/sites/" + site).then().body("moderationMode", equalTo("post"));
        admin().body("{}").put("/api/v1/admin/sites/Not_A_Site").then().statusCode(400)
                .body("errors.field", hasItems("site"));
        admin().get("/api/v1/admin/sites/nosuch-site").then().statusCode(404).contentType("application/problem+json");
        Number announced = (Number) entityManager.createNativeQuery(
                "select count(*) from outbox where type = 'SiteConfigured' and aggregateid = ?1")
                .setParameter(1, site).getSingleResult();
        assertEquals(1, announced.intValue(), "the refused change announced nothing; only the first PUT did");
    }

    private static void deliver(String site, String type, UUID commentId, String payload) {
        PublicationEvents.deliver(SignedEvents.envelope(UUID.randomUUID(), type, commentId.toString(), site, payload))
                .then().statusCode(200);
    }
}
