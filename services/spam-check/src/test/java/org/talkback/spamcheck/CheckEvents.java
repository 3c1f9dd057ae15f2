package org.talkback.spamcheck;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.talkback.platform.testing.EventSink;
import org.talkback.platform.testing.SignedEvents;

/** Talks to spam-check the way the pipeline does: signed events in, CommentClassified out to a stand-in publication. */
final class CheckEvents {
    static final SignedEvents EVENTS = new SignedEvents("test-secret-for-spam-check-tests");

    private CheckEvents() {
    }

    /**
     * Submits a comment as intake would and returns the verdict event spam-check sent to publication. Each comment
     * has its own author email and address unless given, so that one test's comments are not each other's
     * reputation or flood.
     */
    static JsonPath classify(EventSink publication, String site, String author, String body, boolean honeypot,
            Double seconds) {
        return classify(publication, site, author, uniqueEmail(), uniqueAddress(), body, honeypot, seconds);
    }

    static JsonPath classify(EventSink publication, String site, String author, String email, String address,
            String body, boolean honeypot, Double seconds) {
        UUID commentId = UUID.randomUUID();
        deliver(submitted(UUID.randomUUID(), commentId, site, author, email, address, body, honeypot, seconds))
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !publication.accepted("/publication/", commentId.toString()).isEmpty());
        EventSink.Delivery delivery = publication.accepted("/publication/", commentId.toString()).get(0);
        assertTrue(EVENTS.verify(delivery.signature(), delivery.batchBody()));
        JsonPath event = JsonPath.from(delivery.body());
        assertEquals("CommentClassified", event.getString("type"));
        assertEquals(commentId.toString(), event.getString("payload.commentId"));
        return event;
    }

    /** A moderator's decision about a classified comment, as publication sends it. */
    static void moderate(JsonPath verdict, String site, String label) {
        String commentId = verdict.getString("payload.commentId");
        String decision = """
                {"commentId":"%s","checkId":"%s","action":"%s","label":"%s","moderator":"moderator"}
                """.formatted(commentId, verdict.getString("payload.checkId"), label, label);
        deliver(SignedEvents.envelope(UUID.randomUUID(), "CommentModerated", commentId, site, decision))
                .then().statusCode(200).body("outcome", equalTo("applied"));
    }

    /** The stand-in for publication that receives the verdicts, emptied of earlier tests' deliveries. */
    static EventSink publicationSink() {
        EventSink publication = EventSink.shared(18992);
        publication.clear();
        return publication;
    }

    /** A new site, with its own name under the prefix, announced with the given blocked words. */
    static String newSite(String prefix, String... blockedWords) {
        String site = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        configureSite(site, blockedWords);
        return site;
    }

    /** A site as publication announces it when an admin saves it; its checks and learning are its own. */
    static void configureSite(String site, String... blockedWords) {
        configureSite(site, java.util.List.of(), "[]", blockedWords);
    }

    /** The same, with API keys and the site's bans (a JSON list, as publication sends them). */
    static void configureSite(String site, java.util.List<String> akismetKeys, String bans, String... blockedWords) {
        String blocked = java.util.Arrays.stream(blockedWords).map(word -> "\"" + word + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        String keys = akismetKeys.stream().map(key -> "\"" + key + "\"").collect(java.util.stream.Collectors.joining(","));
        String settings = """
                {"site":"%s","moderationMode":"post","linksBeforeHold":2,"blockedWords":[%s],"moderationWords":[],
                 "requireEmail":false,"editWindowSeconds":900,"maxReplyDepth":3,"akismetKeys":[%s],"bans":%s}
                """.formatted(site, blocked, keys, bans);
        deliver(SignedEvents.envelope(UUID.randomUUID(), "SiteConfigured", site, site, settings)).then().statusCode(200);
    }

    static String uniqueEmail() {
        return "r" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    static String uniqueAddress() {
        return "2001:db8::" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0xffff))
                + ":" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0xffff));
    }

    static String submitted(UUID eventId, UUID commentId, String site, String author, String body,
            boolean honeypot, Double seconds) {
        return submitted(eventId, commentId, site, author, uniqueEmail(), uniqueAddress(), body, honeypot, seconds);
    }

    static String submitted(UUID eventId, UUID commentId, String site, String author, String email, String address,
            String body, boolean honeypot, Double seconds) {
        String payload = """
                {"commentId":"%s","threadUrl":"https://news.example/a","author":{"name":"%s","email":"%s"},
                 "body":"%s","clientIp":"%s","userAgent":"Mozilla/5.0","signals":{"honeypotFilled":%s,"secondsToSubmit":%s}}
                """.formatted(commentId, author, email, body, address, honeypot, seconds);
        return SignedEvents.envelope(eventId, "CommentSubmitted", commentId.toString(), site, payload);
    }

    static Response deliver(String event) {
        return given().contentType("application/json").header("X-Talkback-Signature", EVENTS.sign(event))
                .body(event).post("/internal/events");
    }
}
