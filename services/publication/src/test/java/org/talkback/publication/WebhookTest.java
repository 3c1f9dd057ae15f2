package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.SignedEvents;

/** A site's webhook hears about comments entering the queue: signed, retried until it answers, sent once. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class WebhookTest {
    private static final String SECRET = "whsec-0123456789abcdef";

    record Received(String signature, String delivery, String body) {
    }

    @Inject
    EntityManager entityManager;

    @Test
    void aHeldCommentIsAnnouncedSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/talkback", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Talkback-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Talkback-Delivery"), new String(body, StandardCharsets.UTF_8)));
            // The receiver is down for the first attempt: the delivery must be retried, not lost.
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String site = "courier-" + Long.toString(System.nanoTime(), 36);
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/talkback";
            given().auth().basic("admin", "test-admin-password").contentType("application/json")
                    .body("{\"moderationMode\":\"pre\",\"webhookUrl\":\"%s\",\"webhookSecret\":\"%s\"}".formatted(hook, SECRET))
                    .put("/api/v1/admin/sites/" + site).then().statusCode(200)
                    .body("webhookUrl", equalTo(hook)).body("webhookSecret", equalTo("(set)"));

            UUID id = UUID.randomUUID();
            deliver(site, "CommentSubmitted", id, """
                    {"commentId":"%s","threadUrl":"https://courier.example/story","author":{"name":"Ann"},
                     "body":"Is the bridge really closing?","createdAt":"%s"}""".formatted(id, Instant.now()));
            deliver(site, "CommentClassified", id, """
                    {"commentId":"%s","checkId":"%s","verdict":"ham","score":0.1,"discard":false,"reasons":[]}"""
                    .formatted(id, UUID.randomUUID()));

            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 2);
            Thread.sleep(1500); // and no third attempt once it was taken
            assertEquals(2, received.size(), "one failed attempt, one success, nothing after");
            assertEquals(received.get(0).delivery(), received.get(1).delivery(), "the same delivery, retried");

            Received taken = received.get(1);
            JsonPath alert = JsonPath.from(taken.body());
            assertEquals("comment.queued", alert.getString("type"));
            assertEquals(id.toString(), alert.getString("commentId"));
            assertEquals("held", alert.getString("status"));
            assertTrue(alert.getString("text").contains("Is the bridge really closing?"), alert.getString("text"));
            String[] parts = taken.signature().split(",");
            long timestamp = Long.parseLong(parts[0].substring(2));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) < 60);
            assertEquals(hmac(timestamp + "." + taken.body()), parts[1].substring(3), "signed with the site's secret");

            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                    "select attempts, delivered_at is not null from webhook_delivery where site_id = ?1")
                    .setParameter(1, site).getSingleResult());
            assertEquals(2, ((Number) row[0]).intValue());
            assertEquals(true, row[1]);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aWebhookNeedsAWebAddressAndASecret() {
        given().auth().basic("admin", "test-admin-password").contentType("application/json")
                .body("{\"webhookUrl\":\"file:///etc/passwd\"}").put("/api/v1/admin/sites/bad-hook")
                .then().statusCode(400).body("errors.field", hasItem("webhookUrl"))
                .body("errors.field", hasItem("webhookSecret"));
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void deliver(String site, String type, UUID commentId, String payload) {
        PublicationEvents.deliver(SignedEvents.envelope(UUID.randomUUID(), type, commentId.toString(), site, payload))
                .then().statusCode(200);
    }
}
