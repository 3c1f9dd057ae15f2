package org.talkback.publication.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Webhook deliveries (table webhook_delivery): queued in the transaction that puts a comment in the moderators'
 * queue, claimed with FOR UPDATE SKIP LOCKED and a lease (the next attempt moved ahead), so several publication
 * instances never send one at once and one that dies mid-send leaves it to be retried when the lease runs out.
 */
@ApplicationScoped
public class WebhookDeliveries {

    /** A delivery that is due, with the site's secret to sign it. */
    public record Due(UUID id, String url, String payload, int attempts, String secret) {
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    public WebhookDeliveries(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** In the caller's transaction: the delivery exists exactly when the change that causes it does. */
    public void queue(UUID id, String siteId, String url, String payload) {
        entityManager.createNativeQuery("insert into webhook_delivery (id, site_id, url, payload) values (?1, ?2, ?3, ?4)")
                .setParameter(1, id)
                .setParameter(2, siteId)
                .setParameter(3, url)
                .setParameter(4, payload)
                .executeUpdate();
    }

    /** Up to {@code limit} due deliveries, each leased for {@code lease}. */
    public List<Due> claim(int limit, Duration lease) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        with claimed as (
                            select d.id from webhook_delivery d
                             where d.delivered_at is null and d.parked_at is null and d.next_attempt_at <= now()
                             order by d.next_attempt_at limit ? for update skip locked)
                        update webhook_delivery d set next_attempt_at = now() + make_interval(secs => ?)
                          from claimed where d.id = claimed.id
                        returning d.id, d.url, d.payload, d.attempts,
                                  (select webhook_secret from site s where s.id = d.site_id)
                        """)) {
            statement.setInt(1, limit);
            statement.setLong(2, lease.toSeconds());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getInt(4),
                            rows.getString(5)));
                }
            }
        }
        return due;
    }

    public void delivered(UUID id, int attempts) throws SQLException {
        update("update webhook_delivery set delivered_at = now(), attempts = ?, last_error = null where id = ?",
                statement -> {
                    statement.setInt(1, attempts);
                    statement.setObject(2, id);
                });
    }

    public void retryLater(UUID id, int attempts, String error, Duration delay) throws SQLException {
        update("""
                update webhook_delivery set next_attempt_at = now() + ? * interval '1 millisecond', attempts = ?,
                       last_error = ? where id = ?""", statement -> {
            statement.setLong(1, delay.toMillis());
            statement.setInt(2, attempts);
            statement.setString(3, error);
            statement.setObject(4, id);
        });
    }

    /** Kept, never sent again: it failed too often. */
    public void park(UUID id, int attempts, String error) throws SQLException {
        update("update webhook_delivery set parked_at = now(), attempts = ?, last_error = ? where id = ?", statement -> {
            statement.setInt(1, attempts);
            statement.setString(2, error);
            statement.setObject(3, id);
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, Binder binder) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        }
    }
}
