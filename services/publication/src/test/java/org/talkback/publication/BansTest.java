package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.talkback.publication.PublicationEvents.classified;
import static org.talkback.publication.PublicationEvents.deliver;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;
import org.talkback.platform.testing.SignedEvents;

/** Bans by email, name and address range; timed bans that run out; lifting; what intake is told. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class BansTest {

    EventSink others;

    @BeforeEach
    void freshSink() {
        others = EventSink.shared(18993);
        others.clear();
    }

    static RequestSpecification moderator() {
        return given().auth().basic("moderator", "test-moderator-password").contentType("application/json");
    }

    /** A comment spam-check calls ham, from this author and address; answers its status. */
    static String commentFrom(String url, String name, String email, String address) {
        UUID id = UUID.randomUUID();
        deliver(SignedEvents.envelope(UUID.randomUUID(), "CommentSubmitted", id.toString(), "default", """
                {"commentId":"%s","threadUrl":"%s","author":{"name":"%s","email":"%s"},"body":"Hello from %s.",
                 "createdAt":"%s","clientIp":"%s"}""".formatted(id, url, name, email, name,
                Instant.now().truncatedTo(ChronoUnit.MICROS), address))).then().statusCode(200);
        deliver(classified(id, "ham", false)).then().statusCode(200);
        return moderator().queryParam("commentId", id).get("/api/v1/moderation/audit").then().extract()
                .path("entries[0].to");
    }

    static String ban(String body) {
        return moderator().body(body).post("/api/v1/moderation/bans").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void aBannedAuthorsCommentsAreHeldUntilTheBanIsLifted() {
        String url = "https://news.example/bans-" + UUID.randomUUID();
        String email = "troll-" + UUID.randomUUID() + "@example.org";
        String id = ban("{\"site\":\"default\",\"email\":\"%s\",\"reason\":\"repeated abuse\"}".formatted(email.toUpperCase()));

        assertHeld(commentFrom(url, "Troll", email, "192.0.2.1"));
        org.junit.jupiter.api.Assertions.assertEquals("published", commentFrom(url, "Ann", "ann@example.org", "192.0.2.2"));
        moderator().get("/api/v1/moderation/bans?site=default").then().body("id", hasItem(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> others.accepted("/comment-intake/", "SiteConfigured").stream()
                .anyMatch(d -> d.body().contains(email)));
        moderator().queryParam("site", "default").get("/api/v1/moderation/audit").then()
                .body("entries.action", hasItems("ban"));

        moderator().delete("/api/v1/moderation/bans/" + id).then().statusCode(204);
        moderator().delete("/api/v1/moderation/bans/" + id).then().statusCode(404);
        moderator().get("/api/v1/moderation/bans?site=default").then().body("id", not(hasItem(id)));
        org.junit.jupiter.api.Assertions.assertEquals("published", commentFrom(url, "Troll", email, "192.0.2.1"));
    }

    @Test
    void aTimedBanRunsOutByItself() throws Exception {
        String url = "https://news.example/timed-" + UUID.randomUUID();
        String name = "Hothead " + UUID.randomUUID();
        ban("{\"site\":\"default\",\"author\":\"%s\",\"expiresAt\":\"%s\"}".formatted(name, Instant.now().plusSeconds(2)));
        assertHeld(commentFrom(url, name, "hot@example.org", "192.0.2.3"));
        Thread.sleep(2500);
        org.junit.jupiter.api.Assertions.assertEquals("published", commentFrom(url, name, "hot@example.org", "192.0.2.3"));
    }

    @Test
    void anAddressRangeBanCoversEveryAddressInIt() {
        String url = "https://news.example/range-" + UUID.randomUUID();
        String id = ban("{\"site\":\"default\",\"address\":\"198.51.100.77/24\"}");
        moderator().get("/api/v1/moderation/bans?site=default").then()
                .body("find { it.id == '%s' }.value".formatted(id), equalTo("198.51.100.0/24"));
        assertHeld(commentFrom(url, "Farm " + UUID.randomUUID(), "f@example.org", "198.51.100.23"));
        org.junit.jupiter.api.Assertions.assertEquals("published",
                commentFrom(url, "Neighbour " + UUID.randomUUID(), "n@example.org", "198.51.101.23"));
        moderator().delete("/api/v1/moderation/bans/" + id).then().statusCode(204);
    }

    @Test
    void badBansAreRefused() {
        moderator().body("{\"site\":\"default\",\"email\":\"a@example.org\",\"author\":\"A\"}")
                .post("/api/v1/moderation/bans").then().statusCode(400).contentType("application/problem+json");
        moderator().body("{\"site\":\"default\",\"address\":\"10.0.0.0/4\"}").post("/api/v1/moderation/bans")
                .then().statusCode(400).body("errors.field", contains("address"));
        moderator().body("{\"site\":\"default\",\"address\":\"not-an-ip'; drop table ban; --\"}")
                .post("/api/v1/moderation/bans").then().statusCode(400);
        moderator().body("{\"site\":\"default\",\"author\":\"A\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}")
                .post("/api/v1/moderation/bans").then().statusCode(400).body("errors.field", contains("expiresAt"));
        moderator().body("{\"site\":\"nosuch\",\"author\":\"A\"}").post("/api/v1/moderation/bans").then().statusCode(404);
    }

    private static void assertHeld(String status) {
        org.junit.jupiter.api.Assertions.assertEquals("held", status);
    }
}
