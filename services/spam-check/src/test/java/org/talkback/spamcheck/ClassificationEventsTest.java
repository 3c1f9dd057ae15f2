package org.talkback.spamcheck;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;
import org.talkback.platform.testing.SignedEvents;

/** A submitted comment comes in as an event and goes out to publication as a verdict with reasons. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class ClassificationEventsTest {
    static final SignedEvents EVENTS = new SignedEvents("test-secret-for-spam-check-tests");

    @Inject
    EntityManager entityManager;

    EventSink publication;

    @BeforeEach
    void freshSink() {
        publication = EventSink.shared(18992);
        publication.clear();
    }

    @Test
    void anOrdinaryCommentIsHam() {
        JsonPath verdict = classify("Ann", "I grew up near there; the article gets the history right.", false, 40.0);
        assertEquals("ham", verdict.getString("payload.verdict"));
        assertTrue(verdict.getDouble("payload.score") < 0.5);
    }

    @Test
    void akismetsTestAuthorIsAlwaysSpam() {
        JsonPath verdict = classify("viagra-test-123", "Perfectly polite words.", false, 40.0);
        assertEquals("spam", verdict.getString("payload.verdict"));
        assertEquals(false, verdict.getBoolean("payload.discard"), "kept for the spam queue, not discarded");
        assertEquals("test-spam-author", verdict.getString("payload.reasons[0].code"));
    }

    @Test
    void aFilledHoneypotIsSpam() {
        JsonPath verdict = classify("Bot", "Nice post", true, 40.0);
        assertEquals("spam", verdict.getString("payload.verdict"));
        assertEquals("honeypot", verdict.getString("payload.reasons[0].code"));
    }

    @Test
    void twoLinksGoToTheModerators() {
        JsonPath verdict = classify("Lee", "See https://a.example/x and www.b.example for more", false, 40.0);
        assertEquals("unsure", verdict.getString("payload.verdict"));
        assertEquals("too-many-links", verdict.getString("payload.reasons[0].code"));
    }

    @Test
    void blockedWordsMatchWholeWordsOnly() {
        assertEquals("spam", classify("Sam", "Cheap VIAGRA here", false, 40.0).getString("payload.verdict"));
        assertEquals("ham", classify("Dr Li", "As a specialist in cardiology I disagree.", false, 40.0)
                .getString("payload.verdict"));
    }

    @Test
    void aRedeliveredSubmissionIsJudgedOnce() {
        UUID commentId = UUID.randomUUID();
        String event = submitted(UUID.randomUUID(), commentId, "Ann", "Hello", false, 20.0);
        deliver(event).then().statusCode(200).body("outcome", equalTo("applied"));
        deliver(event).then().statusCode(200).body("outcome", equalTo("duplicate"));

        await().atMost(Duration.ofSeconds(5)).until(() -> publication.accepted("/publication/", commentId.toString()).size() == 1);
        Number checks = (Number) entityManager.createNativeQuery("select count(*) from spam_check where comment_id = ?1")
                .setParameter(1, commentId).getSingleResult();
        assertEquals(1, checks.intValue());
    }

    @Test
    void aPayloadThatDoesNotFitIsRefusedAndChangesNothing() {
        String event = SignedEvents.envelope(UUID.randomUUID(), "CommentSubmitted", "x", "default",
                "{\"commentId\":\"not-a-uuid\"}");
        deliver(event).then().statusCode(422).contentType("application/problem+json");
        Number inbox = (Number) entityManager.createNativeQuery("select count(*) from inbox where event_id = ?1")
                .setParameter(1, UUID.fromString(JsonPath.from(event).getString("id"))).getSingleResult();
        assertEquals(0, inbox.intValue(), "a refused event is not marked as seen, so a fixed redelivery applies");
    }

    private JsonPath classify(String author, String body, boolean honeypot, Double seconds) {
        UUID commentId = UUID.randomUUID();
        deliver(submitted(UUID.randomUUID(), commentId, author, body, honeypot, seconds)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !publication.accepted("/publication/", commentId.toString()).isEmpty());
        EventSink.Delivery delivery = publication.accepted("/publication/", commentId.toString()).get(0);
        assertTrue(EVENTS.verify(delivery.signature(), delivery.batchBody()));
        JsonPath event = JsonPath.from(delivery.body());
        assertEquals("CommentClassified", event.getString("type"));
        assertEquals(commentId.toString(), event.getString("payload.commentId"));
        return event;
    }

    private static String submitted(UUID eventId, UUID commentId, String author, String body, boolean honeypot, Double seconds) {
        String payload = """
                {"commentId":"%s","threadUrl":"https://news.example/a","author":{"name":"%s","email":"a@example.org"},
                 "body":"%s","clientIp":"192.0.2.7","userAgent":"Mozilla/5.0","signals":{"honeypotFilled":%s,"secondsToSubmit":%s}}
                """.formatted(commentId, author, body, honeypot, seconds);
        return SignedEvents.envelope(eventId, "CommentSubmitted", commentId.toString(), "default", payload);
    }

    private static Response deliver(String event) {
        return given().contentType("application/json").header("X-Talkback-Signature", EVENTS.sign(event))
                .body(event).post("/internal/events");
    }
}
