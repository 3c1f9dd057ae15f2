package org.talkback.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** What an admin sees of the events a destination kept refusing, and the way to send them again. */
@ApplicationScoped
public class ParkedEvents {

    private final DataSource dataSource;
    private final RelayWakeup wakeup;

    public ParkedEvents(DataSource dataSource, RelayWakeup wakeup) {
        this.dataSource = dataSource;
        this.wakeup = wakeup;
    }

    public record ParkedDelivery(UUID eventId, String destination, String type, String aggregateId, String site,
            int attempts, int failures, String lastError, Instant parkedAt) {
    }

    public List<ParkedDelivery> list(int limit) throws SQLException {
        List<ParkedDelivery> parked = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(OutboxSql.LIST_PARKED)) {
            statement.setInt(1, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parked.add(new ParkedDelivery(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getInt(6), rows.getInt(7), rows.getString(8),
                            rows.getObject(9, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return parked;
    }

    /** Returns false when there was no such parked delivery (already re-queued, or never parked). */
    public boolean requeue(UUID eventId, String destination) throws SQLException {
        int updated;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(OutboxSql.REQUEUE)) {
            statement.setObject(1, eventId);
            statement.setString(2, destination);
            updated = statement.executeUpdate();
        }
        if (updated > 0) {
            wakeup.ring();
        }
        return updated > 0;
    }
}
