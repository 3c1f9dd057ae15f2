package org.talkback.spamcheck;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    static final SignedEvents EVENTS = CheckEvents.EVENTS;

    @Inject
    EntityManager entityManager;

    EventSink publication;

    @BeforeEach
    void freshSink() {
        publication = CheckEvents.publicationSink();
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

    @Test
    void aSitesSettingsArriveBySiteConfiguredAndApplyToItsNextComments() {
        String settings = """
                {"site":"gazette","moderationMode":"post","linksBeforeHold":5,"blockedWords":["lottery"],
                 "moderationWords":["referendum"],"requireEmail":false,"editWindowSeconds":600,"maxReplyDepth":3}
                """;
        deliver(SignedEvents.envelope(UUID.randomUUID(), "SiteConfigured", "gazette", "gazette", settings))
                .then().statusCode(200).body("outcome", equalTo("applied"));
        assertEquals("unsure", classify("gazette", "Ann", "The referendum question was unclear.", false, 40.0)
                .getString("payload.verdict"));
        assertEquals("spam", classify("gazette", "Bo", "You won the lottery", false, 40.0).getString("payload.verdict"));
        JsonPath twoLinks = classify("gazette", "Cy", "Sources: https://a.example/x and https://b.example/y", false, 40.0);
        assertFalse(twoLinks.getList("payload.reasons.code").contains("too-many-links"), "five links before hold on this site, not two");
        assertNotEquals("spam", twoLinks.getString("payload.verdict"));
        // Other sites keep their own settings.
        assertEquals("ham", classify("default", "Di", "The referendum question was unclear.", false, 40.0)
                .getString("payload.verdict"));
    }

    @Test
    void moderatorsDecisionsAreKeptAsLabelsOnTheirChecks() {
        JsonPath verdict = classify("default", "Eve", "Buy followers at https://a.example and https://b.example", false, 40.0);
        String checkId = verdict.getString("payload.checkId");
        CheckEvents.moderate(verdict, "default", "spam");
        Object label = entityManager.createNativeQuery("select label from moderator_label where check_id = cast(?1 as uuid)")
                .setParameter(1, checkId).getSingleResult();
        assertEquals("spam", label);
    }

    private JsonPath classify(String author, String body, boolean honeypot, Double seconds) {
        return classify("default", author, body, honeypot, seconds);
    }

    private JsonPath classify(String site, String author, String body, boolean honeypot, Double seconds) {
        return CheckEvents.classify(publication, site, author, body, honeypot, seconds);
    }

    private static String submitted(UUID eventId, UUID commentId, String author, String body, boolean honeypot, Double seconds) {
        return CheckEvents.submitted(eventId, commentId, "default", author, body, honeypot, seconds);
    }

    private static Response deliver(String event) {
        return CheckEvents.deliver(event);
    }
}
