package org.talkback.publication.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends queued webhook deliveries. A batch is claimed with FOR UPDATE SKIP LOCKED and a lease (its next attempt
 * moved 60 s ahead), so several publication instances never send one delivery twice at once, and one that dies
 * mid-send leaves it to be retried when the lease runs out. Failures back off exponentially with jitter; after
 * {@code max-attempts} the delivery is parked (kept, not sent).
 *
 * <p>Each request is signed like Stripe's: {@code X-Talkback-Signature: t=UNIX_SECONDS,v1=HEX} where HEX is
 * HMAC-SHA256 under the site's webhook secret of {@code t + "." + body}; a receiver recomputes it and refuses old
 * timestamps, which stops replays.
 */
@ApplicationScoped
public class WebhookRelay {
    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);
    private static final int BATCH = 20;

    private record Due(UUID id, String url, String payload, int attempts, String secret) {
    }

    private final AgroalDataSource dataSource;
    private final Duration backoff;
    private final int maxAttempts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookRelay(AgroalDataSource dataSource,
            @ConfigProperty(name = "talkback.webhooks.backoff", defaultValue = "PT2S") Duration backoff,
            @ConfigProperty(name = "talkback.webhooks.max-attempts", defaultValue = "12") int maxAttempts) {
        this.dataSource = dataSource;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(every = "${talkback.webhooks.poll:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        List<Due> due;
        do {
            due = claim();
            for (Due delivery : due) {
                send(delivery);
            }
        } while (due.size() == BATCH);
    }

    private List<Due> claim() {
        List<Due> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        with claimed as (
                            select d.id from webhook_delivery d
                             where d.delivered_at is null and d.parked_at is null and d.next_attempt_at <= now()
                             order by d.next_attempt_at limit ? for update skip locked)
                        update webhook_delivery d set next_attempt_at = now() + interval '60 seconds'
                          from claimed where d.id = claimed.id
                        returning d.id, d.url, d.payload, d.attempts,
                                  (select webhook_secret from site s where s.id = d.site_id)
                        """)) {
            statement.setInt(1, BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getInt(4),
                            rows.getString(5)));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("claiming webhook deliveries failed: %s", e.getMessage());
        }
        return due;
    }

    private void send(Due delivery) {
        String error;
        try {
            long now = System.currentTimeMillis() / 1000;
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Talkback-Webhook/1")
                    .header("X-Talkback-Event", QueueAlerts.EVENT)
                    .header("X-Talkback-Delivery", delivery.id().toString())
                    .header("X-Talkback-Signature", "t=" + now + ",v1=" + sign(delivery.secret(), now, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8)).build(),
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

    /** Marks a delivery sent, or schedules its retry (exponential backoff, jitter), or parks it. */
    private void finish(Due delivery, String error) {
        int attempts = delivery.attempts() + 1;
        String sql = error == null
                ? "update webhook_delivery set delivered_at = now(), attempts = ?, last_error = null where id = ?"
                : attempts >= maxAttempts
                        ? "update webhook_delivery set parked_at = now(), attempts = ?, last_error = ? where id = ?"
                        : "update webhook_delivery set next_attempt_at = now() + ? * interval '1 millisecond', attempts = ?, last_error = ? where id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (error != null && attempts < maxAttempts) {
                long delay = Math.min(backoff.toMillis() << Math.min(attempts - 1, 16), Duration.ofHours(1).toMillis());
                statement.setLong(parameter++, delay + ThreadLocalRandom.current().nextLong(delay / 4 + 1));
            }
            statement.setInt(parameter++, attempts);
            if (error != null) {
                statement.setString(parameter++, error.length() > 500 ? error.substring(0, 500) : error);
            }
            statement.setObject(parameter, delivery.id());
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("recording a webhook delivery failed (it will be sent again): %s", e.getMessage());
        }
        if (error != null) {
            LOG.infof("webhook delivery %s failed (attempt %d): %s", delivery.id(), attempts, error);
        }
    }

    static String sign(String secret, long timestamp, String body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
