package org.talkback.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox and inbox small and publishes their health as metrics. The gauges read a snapshot taken on a
 * schedule, so a Prometheus scrape never queries the database.
 */
@ApplicationScoped
@Startup // the gauges must exist from the start, not from the first scheduled refresh

public class OutboxHousekeeping {
    private static final Logger LOG = Logger.getLogger(OutboxHousekeeping.class);
    private static final int DELETE_BATCH = 1000;

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    public OutboxHousekeeping(DataSource dataSource, OutboxConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        Gauge.builder("talkback.outbox.backlog", backlog, AtomicLong::get)
                .description("Event deliveries waiting to be delivered (not parked)").register(meters);
        Gauge.builder("talkback.outbox.oldest.pending.age.seconds", oldestPendingMillis, m -> m.get() / 1000.0)
                .description("Age of the oldest event still waiting for a destination").register(meters);
        Gauge.builder("talkback.outbox.parked", parked, AtomicLong::get)
                .description("Event deliveries parked after repeated refusals; re-queue through the admin API")
                .register(meters);
    }

    @Scheduled(every = "${talkback.outbox.metrics-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshMetrics() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(OutboxSql.BACKLOG);
                ResultSet row = statement.executeQuery()) {
            row.next();
            backlog.set(row.getLong(1));
            oldestPendingMillis.set(Math.round(row.getDouble(2) * 1000));
            parked.set(row.getLong(3));
        } catch (SQLException e) {
            LOG.warnf("could not read the outbox backlog: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${talkback.outbox.cleanup-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldRows() {
        // Batches in separate short transactions: a large cleanup never holds locks the relay waits for.
        deleteInBatches(OutboxSql.DELETE_DELIVERED, config.retention().toSeconds());
        deleteInBatches(OutboxSql.DELETE_OLD_INBOX, config.inboxRetention().toSeconds());
    }

    private void deleteInBatches(String sql, long olderThanSeconds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, olderThanSeconds);
            statement.setInt(2, DELETE_BATCH);
            int deleted;
            do {
                deleted = statement.executeUpdate();
            } while (deleted == DELETE_BATCH);
        } catch (SQLException e) {
            LOG.warnf("outbox housekeeping failed: %s", e.getMessage());
        }
    }
}
