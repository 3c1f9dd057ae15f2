package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.events.EventType;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/** The outbox relay as the other services see it: signed, ordered, retried, parked, re-queued. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class OutboxDeliveryTest {

    @Inject
    Outbox outbox;

    EventSink sink;

    @BeforeEach
    void freshSink() {
        sink = IntakeTestSupport.sink();
        sink.clear();
    }

    @Test
    void aNewCommentReachesSpamCheckAndPublicationSigned() {
        String id = postComment("https://news.example/delivered", "Signed and sealed");

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.accepted("/", id).size() == 2);
        for (String destination : List.of("/spam-check/", "/publication/")) {
            EventSink.Delivery delivery = sink.accepted(destination, id).get(0);
            assertTrue(IntakeTestSupport.EVENTS.verify(delivery.signature(), delivery.batchBody()), "signature verifies");
            JsonPath event = JsonPath.from(delivery.body());
            assertEquals("CommentSubmitted", event.getString("type"));
            assertEquals("comment", event.getString("aggregateType"));
            assertEquals(id, event.getString("aggregateId"));
            assertEquals("default", event.getString("site"));
            assertEquals("Signed and sealed", event.getString("payload.body"));
            assertEquals("https://news.example/delivered", event.getString("payload.threadUrl"));
            assertEquals(false, event.getBoolean("payload.signals.honeypotFilled"));
        }
    }

    @Test
    void aCommentsEventsArriveInOrderEvenWhenTheFirstIsRetried() {
        String aggregate = UUID.randomUUID().toString();
        Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        sink.answerWith(delivery -> delivery.body().contains("\"step\":1") && refusedOnce.add(delivery.path()) ? 503 : 200);

        QuarkusTransaction.requiringNew().run(() -> {
            for (int step = 1; step <= 3; step++) {
                outbox.publish(EventType.COMMENT_EDITED, aggregate, "default", Map.of("step", step));
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.accepted("/spam-check/", aggregate).size() == 3);
        List<Integer> steps = sink.accepted("/spam-check/", aggregate).stream()
                .map(delivery -> JsonPath.from(delivery.body()).getInt("payload.step")).toList();
        assertEquals(List.of(1, 2, 3), steps, "the retried first event still comes first");
    }

    @Test
    void anEventRefusedOverAndOverIsParkedThenRequeuedByAnAdmin() {
        sink.answerWith(delivery -> delivery.path().startsWith("/publication/") && delivery.body().contains("poison") ? 500 : 200);
        String id = postComment("https://news.example/parked", "poison pill");

        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().basic("admin", "test-admin-password")
                .get("/api/v1/admin/outbox/parked").jsonPath().getList("eventId").size() > 0);
        JsonPath parked = given().auth().basic("admin", "test-admin-password")
                .get("/api/v1/admin/outbox/parked").then().statusCode(200)
                .body("destination", hasItem("publication"))
                .body("lastError", hasItem(containsString("HTTP 500")))
                .extract().jsonPath();
        String eventId = parked.getString("find { it.aggregateId == '" + id + "' }.eventId");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(given().get("/q/metrics").asString()
                .contains("talkback_outbox_parked 1.0"), () -> given().auth().basic("admin", "test-admin-password")
                .get("/api/v1/admin/outbox/parked").asString()));
        assertEquals(1, sink.accepted("/spam-check/", id).size(), "the other destination was not held up");

        sink.answerWith(delivery -> 200);
        given().auth().basic("admin", "test-admin-password")
                .post("/api/v1/admin/outbox/parked/" + eventId + "/publication/requeue")
                .then().statusCode(200).body("status", equalTo("requeued"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.accepted("/publication/", id).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/q/metrics").asString()
                .contains("talkback_outbox_parked 0.0"));
        given().get("/q/metrics").then().body(containsString("talkback_outbox_deliveries_total{destination=\"publication\",outcome=\"refused\"}"));
    }

    @Test
    void theOutboxAdminNeedsAdminCredentials() {
        given().get("/api/v1/admin/outbox/parked").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        given().auth().basic("admin", "wrong").get("/api/v1/admin/outbox/parked").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void backlogAndAgeAreExported() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("talkback_outbox_backlog"))
                .body(containsString("talkback_outbox_oldest_pending_age_seconds"))
                .body(containsString("talkback_outbox_parked"));
    }

    private static String postComment(String threadUrl, String body) {
        return IntakeTestSupport.post(threadUrl, body).then().statusCode(202).extract().path("id");
    }
}
