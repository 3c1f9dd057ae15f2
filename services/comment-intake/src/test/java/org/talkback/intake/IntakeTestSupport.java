package org.talkback.intake;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import org.talkback.platform.testing.EventSink;
import org.talkback.platform.testing.SignedEvents;

/** The pieces every intake test shares: the stand-in for the other services and the deployment's test secret. */
final class IntakeTestSupport {
    static final int SINK_PORT = 18991;
    static final SignedEvents EVENTS = new SignedEvents("test-secret-for-intake-tests");

    private IntakeTestSupport() {
    }

    static EventSink sink() {
        return EventSink.shared(SINK_PORT);
    }

    static Response post(String threadUrl, String body) {
        return given().contentType("application/json").body(comment(threadUrl, "Ann", body)).post("/api/v1/comments");
    }

    static String authorStatus(String id, String editToken) {
        return given().header("X-Edit-Token", editToken).get("/api/v1/comments/" + id)
                .then().statusCode(200).extract().path("status");
    }

    /** Row counts of everything a request could change; equal before and after means it changed nothing. */
    static String footprint(jakarta.persistence.EntityManager entityManager) {
        return entityManager.createNativeQuery("""
                select (select count(*) from comment) || '/' || (select count(*) from thread) || '/'
                    || (select count(*) from outbox) || '/' || (select count(*) from comment_flag) || '/'
                    || (select count(*) from idempotency_key)""").getSingleResult().toString();
    }

    static String comment(String threadUrl, String name, String body) {
        return """
                {"site":"default","threadUrl":"%s","author":{"name":"%s","email":"reader@example.org"},"body":"%s"}
                """.formatted(threadUrl, name, body);
    }
}
