package org.talkback.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/**
 * Records an event in the same transaction as the state change that caused it. Mandatory transaction: an event
 * written outside the change's transaction could survive a rolled-back change, or be lost after a committed one.
 * Where it goes comes from {@link EventType}; one delivery row is written per consumer this instance delivers to.
 *
 * <p>The events of a transaction are written together, in one statement, just before it commits (a JTA
 * synchronization): a receiver applying a batch of a hundred events publishes its hundred answers in one round trip.
 * If that statement fails, the transaction rolls back with everything it changed. Once it has committed, this
 * instance's relay loops for those destinations are rung (OutboxSql.NOTIFY_RELAYS says why not NOTIFY).
 */
@ApplicationScoped
public class Outbox {
    private static final Object PENDING = new Object();

    private final AgroalDataSource dataSource;
    private final ObjectMapper objectMapper;
    private final OutboxConfig config;
    private final EventRoutes routes;
    private final TransactionSynchronizationRegistry transactions;
    private final RelayWakeup wakeup;

    public Outbox(AgroalDataSource dataSource, ObjectMapper objectMapper, OutboxConfig config, EventRoutes routes,
            TransactionSynchronizationRegistry transactions, RelayWakeup wakeup) {
        this.wakeup = wakeup;
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
        this.config = config;
        this.routes = routes;
        this.transactions = transactions;
    }

    private record Pending(UUID id, EventType type, String aggregateId, String site, String payload) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String site, DomainEvent event) {
        return add(event.eventType(), event.aggregateId(), site, event);
    }

    /** The same for a payload that is not a DomainEvent record (a test's, or one built from parts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(EventType type, String aggregateId, String site, Object payload) {
        return add(type, aggregateId, site, payload);
    }

    private UUID add(EventType type, String aggregateId, String site, Object payload) {
        UUID id = UUID.randomUUID();
        pendingOfThisTransaction().add(new Pending(id, type, aggregateId, site, toJson(payload)));
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Pending> pendingOfThisTransaction() {
        List<Pending> pending = (List<Pending>) transactions.getResource(PENDING);
        if (pending == null) {
            List<Pending> events = new ArrayList<>();
            transactions.putResource(PENDING, events);
            transactions.registerInterposedSynchronization(new Synchronization() {
                private String destinations;

                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        destinations = write(events);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // Only now are the rows visible to the relay's claim; a crash before this point leaves them to
                    // the relays' fallback poll (and the restarted instance's first round).
                    if (status == Status.STATUS_COMMITTED && destinations != null && config.relayEnabled()) {
                        wakeup.ring(List.of(destinations.split(",")));
                    }
                }
            });
            pending = events;
        }
        return pending;
    }

    /**
     * Runs before the commit, on the transaction's own connection (the pool hands it out again). Answers the
     * destinations that got deliveries (comma-separated), or null for none.
     */
    private String write(List<Pending> events) {
        if (events.isEmpty()) {
            return null;
        }
        int size = events.size();
        Object[] ids = new Object[size];
        String[] aggregateTypes = new String[size];
        String[] aggregateIds = new String[size];
        String[] types = new String[size];
        String[] payloads = new String[size];
        String[] sites = new String[size];
        for (int i = 0; i < size; i++) {
            Pending event = events.get(i);
            ids[i] = event.id();
            aggregateTypes[i] = event.type().aggregate().wireName();
            aggregateIds[i] = event.aggregateId();
            types[i] = event.type().wireName();
            payloads[i] = event.payload();
            sites[i] = event.site();
        }
        List<String> routeTypes = new ArrayList<>();
        List<String> routeDestinations = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (String destination : routes.destinationsOf(type)) {
                routeTypes.add(type.wireName());
                routeDestinations.add(destination);
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(OutboxSql.INSERT_EVENTS)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("text", aggregateTypes));
            insert.setArray(3, connection.createArrayOf("text", aggregateIds));
            insert.setArray(4, connection.createArrayOf("text", types));
            insert.setArray(5, connection.createArrayOf("text", payloads));
            insert.setArray(6, connection.createArrayOf("text", sites));
            insert.setArray(7, connection.createArrayOf("text", routeTypes.toArray()));
            insert.setArray(8, connection.createArrayOf("text", routeDestinations.toArray()));
            String destinations;
            try (ResultSet written = insert.executeQuery()) {
                written.next();
                destinations = written.getString(1);
            }
            if (destinations != null && !config.relayEnabled()) {
                try (PreparedStatement notify = connection.prepareStatement(OutboxSql.NOTIFY_RELAYS)) {
                    notify.setString(1, config.channel());
                    notify.setString(2, destinations);
                    notify.executeQuery().close();
                }
            }
            return destinations;
        } catch (SQLException e) {
            throw new IllegalStateException("the transaction's events could not be written to the outbox", e);
        }
    }

    private String toJson(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", e);
        }
    }
}
