package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.SignedEvents;

/** Publication's decisions reach the author's view; forged, replayed and repeated deliveries do not. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class StatusEventsTest {

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    @Test
    void theAuthorSeesPublicationsDecision() {
        Response posted = IntakeTestSupport.post("https://news.example/status", "Will it show?");
        String id = posted.path("id");
        String token = posted.path("editToken");

        String held = statusChanged(UUID.randomUUID(), id, "spam");
        deliver(held).then().statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("held", IntakeTestSupport.authorStatus(id, token));

        UUID publishedEvent = UUID.randomUUID();
        deliver(statusChanged(publishedEvent, id, "published")).then().body("outcome", equalTo("applied"));
        assertEquals("published", IntakeTestSupport.authorStatus(id, token));
    }

    @Test
    void aThreadAModeratorClosedRefusesNewCommentsUntilReopened() {
        String url = "https://news.example/closing-" + UUID.randomUUID();
        IntakeTestSupport.post(url, "Before closing.").then().statusCode(202);
        deliver(threadState(url, "closed")).then().statusCode(200).body("outcome", equalTo("applied"));
        IntakeTestSupport.post(url, "After closing.").then().statusCode(409).contentType("application/problem+json");
        deliver(threadState(url, "open")).then().statusCode(200);
        IntakeTestSupport.post(url, "Reopened.").then().statusCode(202);

        // An article can be closed before anyone comments on it.
        String quiet = "https://news.example/never-open-" + UUID.randomUUID();
        deliver(threadState(quiet, "closed")).then().statusCode(200).body("outcome", equalTo("applied"));
        IntakeTestSupport.post(quiet, "First!").then().statusCode(409);
    }

    @Test
    void aNewSitesSettingsArriveBySiteConfigured() {
        String site = "gazette-" + Long.toString(System.nanoTime(), 36);
        String comment = """
                {"site":"%s","threadUrl":"https://gazette.example/a","author":{"name":"Ann"%s},"body":"Hello"}""";
        given().contentType("application/json").body(comment.formatted(site, "")).post("/api/v1/comments")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("site"));

        deliver(SignedEvents.envelope(UUID.randomUUID(), "SiteConfigured", site, site, """
                {"site":"%s","allowedOrigins":["https://gazette.example"],"requireEmail":true,
                 "editWindowSeconds":60,"maxReplyDepth":2}""".formatted(site)))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        given().contentType("application/json").body(comment.formatted(site, "")).post("/api/v1/comments")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("author.email"));
        Response posted = given().contentType("application/json")
                .body(comment.formatted(site, ",\"email\":\"ann@example.org\"")).post("/api/v1/comments");
        posted.then().statusCode(202);
        Instant editableUntil = Instant.parse(posted.path("editableUntil"));
        assertTrue(editableUntil.isBefore(Instant.now().plusSeconds(61)), "the site's one-minute edit window");
    }

    @Test
    void aSiteThatRefusesBannedAuthorsTurnsThemAwayHere() {
        String site = "tribune-" + Long.toString(System.nanoTime(), 36);
        deliver(SignedEvents.envelope(UUID.randomUUID(), "SiteConfigured", site, site, """
                {"site":"%s","requireEmail":false,"editWindowSeconds":900,"maxReplyDepth":5,"bannedAuthors":"refuse",
                 "bans":[{"kind":"email","value":"troll@example.org"},
                         {"kind":"author","value":"former troll","expiresAt":"2001-01-01T00:00:00Z"},
                         {"kind":"address","value":"203.0.113.0/24"}]}""".formatted(site)))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        String comment = """
                {"site":"%s","threadUrl":"https://tribune.example/a","author":{"name":"%s","email":"%s"},"body":"%s"}""";
        given().contentType("application/json").body(comment.formatted(site, "T", "Troll@Example.org", "Me again"))
                .post("/api/v1/comments").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(comment.formatted(site, "Former Troll", "ft@example.org", "Reformed"))
                .post("/api/v1/comments").then().statusCode(202);
        given().contentType("application/json").header("X-Forwarded-For", "203.0.113.9")
                .body(comment.formatted(site, "Farm", "farm@example.org", "From the range")).post("/api/v1/comments")
                .then().statusCode(403);
        given().contentType("application/json").body(comment.formatted(site, "Ann", "ann@example.org", "Hello"))
                .post("/api/v1/comments").then().statusCode(202);
    }

    private static String threadState(String url, String state) {
        return SignedEvents.envelope(UUID.randomUUID(), "ThreadStateChanged", UUID.randomUUID().toString(), "default",
                "{\"site\":\"default\",\"url\":\"%s\",\"state\":\"%s\"}".formatted(url, state));
    }

    @Test
    void aRedeliveredEventIsAcknowledgedButNotAppliedAgain() {
        Response posted = IntakeTestSupport.post("https://news.example/redelivered", "Twice?");
        String id = posted.path("id");
        String token = posted.path("editToken");
        UUID eventId = UUID.randomUUID();

        deliver(statusChanged(eventId, id, "published")).then().body("outcome", equalTo("applied"));
        deliver(statusChanged(UUID.randomUUID(), id, "rejected")).then().body("outcome", equalTo("applied"));
        // The first event again, as a relay that crashed before recording its delivery would send it.
        deliver(statusChanged(eventId, id, "published")).then().statusCode(200).body("outcome", equalTo("duplicate"));

        assertEquals("rejected", IntakeTestSupport.authorStatus(id, token));
    }

    @Test
    void inABatchOneBadEventIsRefusedAloneAndTheOthersApply() {
        Response posted = IntakeTestSupport.post("https://news.example/batch", "Batched");
        String id = posted.path("id");
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        String batch = "{\"events\":[" + statusChanged(good, id, "published") + ","
                + SignedEvents.envelope(bad, "CommentStatusChanged", id, "default", "{\"commentId\":\"not-a-uuid\"}") + "]}";

        deliver(batch).then().statusCode(200)
                .body("results.find { it.eventId == '" + good + "' }.outcome", equalTo("applied"))
                .body("results.find { it.eventId == '" + bad + "' }.outcome", equalTo("refused"));
        assertEquals("published", IntakeTestSupport.authorStatus(id, posted.path("editToken")));
    }

    @Test
    void unsignedForgedAndStaleDeliveriesAreRefused() {
        String event = statusChanged(UUID.randomUUID(), UUID.randomUUID().toString(), "published");
        given().contentType("application/json").body(event).post("/internal/events")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").header("X-Talkback-Signature", new SignedEvents("some-other-secret-entirely").sign(event))
                .body(event).post("/internal/events")
                .then().statusCode(401);
        given().contentType("application/json")
                .header("X-Talkback-Signature", IntakeTestSupport.EVENTS.signAt(event, Instant.now().minusSeconds(600)))
                .body(event).post("/internal/events")
                .then().statusCode(401);
        String signedForOther = IntakeTestSupport.EVENTS.sign(event);
        given().contentType("application/json").header("X-Talkback-Signature", signedForOther)
                .body(event.replace("published", "rejected")).post("/internal/events")
                .then().statusCode(401);
    }

    private static String statusChanged(UUID eventId, String commentId, String status) {
        return SignedEvents.envelope(eventId, "CommentStatusChanged", commentId, "default",
                "{\"commentId\":\"" + commentId + "\",\"status\":\"" + status + "\"}");
    }

    private static Response deliver(String event) {
        return given().contentType("application/json")
                .header("X-Talkback-Signature", IntakeTestSupport.EVENTS.sign(event))
                .body(event).post("/internal/events");
    }
}
