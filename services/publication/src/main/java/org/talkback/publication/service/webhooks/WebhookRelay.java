package org.talkback.publication.service.webhooks;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.talkback.platform.events.DeliverySignature;
import org.talkback.platform.outbox.Backoff;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.repository.WebhookDeliveries.Due;
import org.talkback.publication.repository.WebhookDeliveries;

/**
 * Sends queued webhook deliveries (claimed with a lease, see {@link WebhookDeliveries}). Failures back off as the
 * outbox relay's do (exponential, equal jitter); after {@code max-attempts} a delivery is parked (kept, not sent).
 *
 * <p>Each request is signed as the services sign their event deliveries, under the site's webhook secret:
 * {@code X-Talkback-Signature: t=UNIX_SECONDS,v1=HEX}, HEX being HMAC-SHA256 of {@code t + "." + body}; a receiver
 * recomputes it and refuses old timestamps, which stops replays.
 */
@ApplicationScoped
public class WebhookRelay {
    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int ERROR_TEXT_LIMIT = 500;

    private final WebhookDeliveries deliveries;
    private final Backoff backoff;
    private final int maxAttempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookRelay(WebhookDeliveries deliveries, PublicationConfig config) {
        this.deliveries = deliveries;
        this.backoff = new Backoff(config.webhooks().backoff(), Duration.ofHours(1));
        this.maxAttempts = config.webhooks().maxAttempts();
    }

    @Scheduled(every = "${talkback.webhooks.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        List<Due> due;
        do {
            try {
                due = deliveries.claim(BATCH, LEASE);
            } catch (SQLException e) {
                LOG.warnf("claiming webhook deliveries failed: %s", e.getMessage());
                return;
            }
            due.forEach(this::send);
        } while (due.size() == BATCH);
    }

    private void send(Due delivery) {
        String error;
        try {
            byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Talkback-Webhook/1")
                    .header("X-Talkback-Event", QueueAlerts.EVENT)
                    .header("X-Talkback-Delivery", delivery.id().toString())
                    .header(DeliverySignature.HEADER, new DeliverySignature(delivery.secret(), Duration.ZERO)
                            .sign(body, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                finish(delivery, null);
                return;
            }
            error = "answered " + response.statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        finish(delivery, error);
    }

    /** Marks a delivery sent, or schedules its retry, or parks it. */
    private void finish(Due delivery, String error) {
        int attempts = delivery.attempts() + 1;
        try {
            if (error == null) {
                deliveries.delivered(delivery.id(), attempts);
                return;
            }
            String shortError = error.length() > ERROR_TEXT_LIMIT ? error.substring(0, ERROR_TEXT_LIMIT) : error;
            if (attempts >= maxAttempts) {
                deliveries.park(delivery.id(), attempts, shortError);
            } else {
                deliveries.retryLater(delivery.id(), attempts, shortError, backoff.after(attempts));
            }
            LOG.infof("webhook delivery %s failed (attempt %d): %s", delivery.id(), attempts, error);
        } catch (SQLException e) {
            LOG.warnf("recording a webhook delivery failed (it will be sent again): %s", e.getMessage());
        }
    }
}
