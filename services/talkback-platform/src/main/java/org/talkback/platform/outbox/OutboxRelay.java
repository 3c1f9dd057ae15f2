package org.talkback.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.talkback.platform.events.DeliverySignature;
import org.talkback.platform.events.EventEnvelope;

/**
 * Delivers outbox events to the subscribing services over HTTP. Claims are short transactions; delivery happens
 * outside any transaction, so a slow destination never holds a lock. Delivery is at least once: a crash between
 * delivering and recording it means the event goes again, and the consumer's inbox turns that into a no-op.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int ERROR_TEXT_LIMIT = 900;
    /** How much longer than a delivery may take the database waits for a silent relay before freeing its claims. */
    private static final long IDLE_MARGIN_MILLIS = 10_000;

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final DeliverySignature signature;
    private final RelayWakeup wakeup;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final DestinationPauses pauses;
    private final Backoff backoff;
    private final EventRoutes routes;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    public OutboxRelay(DataSource dataSource, OutboxConfig config, DeliverySignature signature, RelayWakeup wakeup,
            ObjectMapper objectMapper, MeterRegistry meters, EventRoutes routes, Vertx vertx) {
        this.dataSource = dataSource;
        this.routes = routes;
        this.config = config;
        this.signature = signature;
        this.wakeup = wakeup;
        this.objectMapper = objectMapper;
        this.meters = meters;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
        this.pauses = new DestinationPauses(config.backoffBase().toNanos(), config.outageProbeMax().toNanos());
        // Vert.x's client (the event loops Quarkus already runs) rather than java.net.http's, which keeps threads
        // and futures of its own for every exchange: a delivery's HTTP cost is paid on every batch.
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) config.deliveryTimeout().toMillis())
                .setMaxPoolSize(Math.max(1, config.relayThreads())));
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled() || routes.destinations().isEmpty()) {
            LOG.info("outbox relay is off: this service delivers to nobody, or the relay is disabled");
            return;
        }
        running = true;
        // Loops per destination: a slow or absent subscriber holds up only its own deliveries, and each loop's
        // batches grow by themselves while the previous one is being applied.
        for (String destination : routes.destinations()) {
            for (int i = 0; i < config.relayThreads(); i++) {
                Semaphore bell = wakeup.bell(destination);
                Thread thread = new Thread(() -> run(destination, bell), "outbox-relay-" + destination + "-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeup.ring();
        for (Thread thread : threads) {
            thread.join(config.deliveryTimeout().toMillis() + 1000);
        }
    }

    private void run(String destination, Semaphore bell) {
        long lingerNanos = routes.lingerOf(destination).orElse(config.linger()).toNanos();
        while (running) {
            try {
                long pausedNanos = pauses.pausedFor(destination, System.nanoTime());
                if (pausedNanos > 0) {
                    // The destination is down: wake-ups would only claim to fail, so sleep until a probe is due.
                    Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(pausedNanos),
                            config.pollInterval().toMillis())));
                    continue;
                }
                // This round claims everything committed so far, so the notifications that came meanwhile are
                // answered by it; left on the bell, each would start another round for the one event after it.
                bell.drainPermits();
                long roundStarted = System.nanoTime();
                int claimed = relayBatch(destination);
                if (claimed >= config.batchSize()) {
                    continue; // more is waiting
                }
                if (claimed > 0) {
                    // Events are coming: let the next batch gather for the rest of the linger rather than deliver
                    // each as it commits (a delivery costs about the same for one event as for fifty).
                    long lingerLeft = lingerNanos - (System.nanoTime() - roundStarted);
                    if (lingerLeft > 0) {
                        TimeUnit.NANOSECONDS.sleep(lingerLeft);
                    }
                }
                RelayWakeup.await(bell, config.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay round for %s failed (%s); retrying after the poll interval", destination,
                        e.toString());
                try {
                    RelayWakeup.await(bell, config.pollInterval());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One round for one destination, in one transaction: lock what is due (FOR UPDATE SKIP LOCKED), deliver it as
     * one request (HTTP and transaction overhead is paid per batch, not per event), delete what was delivered and
     * back off what was refused (what could not be sent at all stays as it was), commit. Returns how many were
     * claimed.
     *
     * <p>The row locks are the claim: another relay skips them, and if this process dies mid-delivery its
     * connection closes, the transaction rolls back and the events are due again at once (a redelivery the
     * receivers' inboxes absorb). Writing a lease instead cost an update of every delivery row and a second
     * transaction per batch. The transaction is idle while the request is out, so the session's
     * idle-in-transaction timeout bounds how long a relay cut off from the database can keep its locks. Its
     * commit need not wait for the disk: if it is lost in a crash, the events are simply delivered again.
     */
    int relayBatch(String destination) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Claim> claims = claim(connection, destination);
                if (!claims.isEmpty()) {
                    record(connection, deliver(destination, claims).join());
                }
                connection.commit();
                return claims.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<Claim> claim(Connection connection, String destination) throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (PreparedStatement settings = connection.prepareStatement(OutboxSql.RELAY_TRANSACTION)) {
            settings.setString(1, (config.deliveryTimeout().toMillis() + IDLE_MARGIN_MILLIS) + "ms");
            settings.setString(2, config.relayCommitWaits() ? "on" : "off");
            settings.execute();
        }
        try (PreparedStatement statement = connection.prepareStatement(OutboxSql.CLAIM)) {
            statement.setString(1, destination);
            statement.setInt(2, config.batchSize());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claims.add(toClaim(rows));
                }
            }
        }
        // A batch goes out in the order its events happened, and no larger than receivers take: the claimed rows
        // left out are unlocked at commit, due for the next round.
        claims.sort(java.util.Comparator.comparingLong(Claim::seq));
        long bytes = 0;
        for (int i = 0; i < claims.size(); i++) {
            bytes += claims.get(i).payloadLength();
            if (i > 0 && bytes > config.maxBatchBytes()) {
                return new ArrayList<>(claims.subList(0, i));
            }
        }
        return claims;
    }

    private Claim toClaim(ResultSet rows) throws SQLException {
        UUID eventId = rows.getObject(1, UUID.class);
        String destination = rows.getString(2);
        int attempts = rows.getInt(3);
        // The payload goes out as the database holds it (jsonb, so valid JSON): no parsing it only to write it again.
        String payload = rows.getString(9);
        EventEnvelope envelope = new EventEnvelope(eventId, rows.getString(4), rows.getString(5), rows.getString(6),
                rows.getObject(7, OffsetDateTime.class).toInstant(), rows.getString(8),
                objectMapper.getNodeFactory().rawValueNode(new RawValue(payload)), rows.getString(10));
        return new Claim(eventId, destination, attempts, envelope, rows.getLong(11), payload.length());
    }

    private CompletableFuture<List<Outcome>> deliver(String destination, List<Claim> batch) {
        String url = routes.urlOf(destination);
        if (url == null) {
            return CompletableFuture.completedFuture(
                    everyone(batch, Outcome.Kind.REFUSED, "no subscriber named " + destination + " is configured"));
        }
        byte[] body;
        try {
            body = objectMapper.writeValueAsBytes(Map.of("events", batch.stream().map(Claim::envelope).toList()));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(everyone(batch, Outcome.Kind.REFUSED, e.toString()));
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setIdleTimeout(config.deliveryTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(DeliverySignature.HEADER, signature.sign(body, Instant.now()));
        return http.request(request)
                .compose(sending -> sending.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> new Answer(response.statusCode(), answer.toString())))
                .toCompletionStage().toCompletableFuture()
                .thenApply(answer -> {
                    pauses.reached(destination);
                    return answer.status() / 100 == 2
                            ? perEvent(batch, answer.body())
                            : everyone(batch, Outcome.Kind.REFUSED, "HTTP " + answer.status() + ": " + answer.body());
                })
                .exceptionally(failure -> {
                    pauses.unreachable(destination, System.nanoTime());
                    return everyone(batch, Outcome.Kind.UNREACHABLE, failure.toString());
                });
    }

    private record Answer(int status, String body) {
    }

    /** The receiver answers per event: applied and duplicate are both delivered; refused counts as a failure. */
    private List<Outcome> perEvent(List<Claim> batch, String responseBody) {
        Map<String, String> outcomes = new HashMap<>();
        try {
            JsonNode results = objectMapper.readTree(responseBody).path("results");
            results.forEach(result -> outcomes.put(result.path("eventId").asText(), result.path("outcome").asText()));
        } catch (IOException e) {
            return everyone(batch, Outcome.Kind.REFUSED, "unreadable answer: " + e.getMessage());
        }
        return batch.stream().map(claim -> {
            String outcome = outcomes.get(claim.eventId().toString());
            return "applied".equals(outcome) || "duplicate".equals(outcome)
                    ? new Outcome(claim, Outcome.Kind.DELIVERED, null)
                    : new Outcome(claim, Outcome.Kind.REFUSED, "receiver answered " + outcome);
        }).toList();
    }

    private static List<Outcome> everyone(List<Claim> batch, Outcome.Kind kind, String error) {
        return batch.stream().map(claim -> new Outcome(claim, kind, error)).toList();
    }

    private void record(Connection connection, List<Outcome> outcomes) throws SQLException {
        String destination = outcomes.get(0).claim().destination();
        List<UUID> delivered = new ArrayList<>();
        List<UUID> refused = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Claim claim = outcome.claim();
            switch (outcome.kind()) {
                case DELIVERED -> delivered.add(claim.eventId());
                case REFUSED -> {
                    refused.add(claim.eventId());
                    delays.add(backoffSeconds(claim.attempts() + 1));
                    errors.add(truncate(outcome.error()));
                    LOG.debugf("%s refused %s: %s", destination, claim.eventId(), outcome.error());
                }
                // Nothing to write: the rows stay due, their locks go at commit, and the paused destination's
                // next probe (or another instance that can reach it) takes them.
                case UNREACHABLE -> { }
            }
            meters.counter("talkback.outbox.deliveries", "destination", destination,
                    "outcome", outcome.kind().label).increment();
        }
        if (!refused.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(OutboxSql.MARK_REFUSED)) {
                update.setInt(1, config.maxFailures());
                update.setArray(2, connection.createArrayOf("uuid", refused.toArray()));
                update.setArray(3, connection.createArrayOf("float8", delays.toArray()));
                update.setArray(4, connection.createArrayOf("text", errors.toArray()));
                update.setString(5, destination);
                update.executeUpdate();
            }
        }
        if (!delivered.isEmpty()) {
            // One statement for every event the destination took, however many.
            try (PreparedStatement delete = connection.prepareStatement(OutboxSql.MARK_DELIVERED)) {
                delete.setString(1, destination);
                delete.setArray(2, connection.createArrayOf("uuid", delivered.toArray()));
                delete.executeUpdate();
            }
        }
    }

    /** Exponential backoff with "equal jitter" (Backoff), so retries do not march in step. */
    double backoffSeconds(int attempts) {
        return backoff.after(attempts).toMillis() / 1000.0;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= ERROR_TEXT_LIMIT ? text : text.substring(0, ERROR_TEXT_LIMIT);
    }

    record Claim(UUID eventId, String destination, int attempts, EventEnvelope envelope, long seq, int payloadLength) {
    }

    record Outcome(Claim claim, Kind kind, String error) {
        enum Kind {
            DELIVERED("delivered"), REFUSED("refused"), UNREACHABLE("unreachable");

            final String label;

            Kind(String label) {
                this.label = label;
            }
        }
    }
}
