package org.talkback.publication;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.talkback.platform.testing.SignedEvents;

/** Sends publication the events intake and spam-check would send it. */
final class PublicationEvents {
    static final SignedEvents SIGNER = new SignedEvents("test-secret-for-publication-tests");

    private PublicationEvents() {
    }

    static String submitted(UUID commentId, String threadUrl, String author, String email, String body) {
        return submitted(commentId, threadUrl, null, author, email, body, Instant.now());
    }

    static String submitted(UUID commentId, String threadUrl, UUID parentId, String author, String email, String body,
            Instant createdAt) {
        return submitted(commentId, threadUrl, parentId, null, author, email, body, createdAt);
    }

    /** With the place in the thread that intake would have given it (see ThreadPosition). */
    static String submitted(UUID commentId, String threadUrl, UUID parentId, String threadPosition, String author,
            String email, String body, Instant createdAt) {
        String payload = """
                {"commentId":"%s","threadUrl":"%s","threadTitle":"A test article","parentId":%s,"threadPosition":%s,
                 "author":{"name":"%s","email":"%s","url":"https://blog.example/%s"},
                 "body":%s,"createdAt":"%s"}
                """.formatted(commentId, threadUrl, parentId == null ? "null" : "\"" + parentId + "\"",
                threadPosition == null ? "null" : "\"" + threadPosition + "\"", author, email,
                author.toLowerCase().replace(' ', '-'), json(body), createdAt.truncatedTo(ChronoUnit.MICROS));
        return SignedEvents.envelope(UUID.randomUUID(), "CommentSubmitted", commentId.toString(), "default", payload);
    }

    static String classified(UUID commentId, String verdict, boolean discard) {
        String payload = """
                {"commentId":"%s","checkId":"%s","verdict":"%s","score":%s,"discard":%s,
                 "reasons":[{"code":"test","weight":0.5,"detail":"given by the test"}]}
                """.formatted(commentId, UUID.randomUUID(), verdict, verdict.equals("ham") ? "0.05" : "0.95", discard);
        return SignedEvents.envelope(UUID.randomUUID(), "CommentClassified", commentId.toString(), "default", payload);
    }

    /** A verdict on a given revision of the text (an edit is judged again under a new revision). */
    static String classified(UUID commentId, int revision, String verdict) {
        String payload = """
                {"commentId":"%s","revision":%d,"checkId":"%s","verdict":"%s","score":%s,"discard":false,
                 "reasons":[{"code":"test","weight":0.5,"detail":"given by the test"}]}
                """.formatted(commentId, revision, UUID.randomUUID(), verdict, verdict.equals("ham") ? "0.05" : "0.95");
        return SignedEvents.envelope(UUID.randomUUID(), "CommentClassified", commentId.toString(), "default", payload);
    }

    static String edited(UUID commentId, int revision, String body) {
        String payload = """
                {"commentId":"%s","revision":%d,"body":%s,"editedAt":"%s","recheckReason":"edit"}
                """.formatted(commentId, revision, json(body), Instant.now().truncatedTo(ChronoUnit.MICROS));
        return SignedEvents.envelope(UUID.randomUUID(), "CommentEdited", commentId.toString(), "default", payload);
    }

    static String retracted(UUID commentId) {
        String payload = """
                {"commentId":"%s","retractedAt":"%s"}
                """.formatted(commentId, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return SignedEvents.envelope(UUID.randomUUID(), "CommentRetracted", commentId.toString(), "default", payload);
    }

    static String flagged(UUID commentId, String reason) {
        String payload = """
                {"commentId":"%s","flagId":"%s","reason":"%s","flaggedAt":"%s"}
                """.formatted(commentId, UUID.randomUUID(), reason, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return SignedEvents.envelope(UUID.randomUUID(), "CommentFlagged", commentId.toString(), "default", payload);
    }

    static Response deliver(String event) {
        return given().contentType("application/json").header("X-Talkback-Signature", SIGNER.sign(event))
                .body(event).post("/internal/events");
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
