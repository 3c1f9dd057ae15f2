package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
