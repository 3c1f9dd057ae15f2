package org.talkback.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/**
 * Records an event in the same transaction as the state change that caused it. Mandatory transaction: an event
 * written outside the change's transaction could survive a rolled-back change, or be lost after a committed one.
 * Where it goes comes from {@link EventType}; one delivery row is written per consumer this instance delivers to.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final OutboxConfig config;
    private final EventRoutes routes;

    public Outbox(EntityManager entityManager, ObjectMapper objectMapper, OutboxConfig config, EventRoutes routes) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.config = config;
        this.routes = routes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String site, DomainEvent event) {
        return publish(event.eventType(), event.aggregateId(), site, event);
    }

    /** The same for a payload that is not a DomainEvent record (a test's, or one built from parts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(EventType type, String aggregateId, String site, Object payload) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery(OutboxSql.INSERT_EVENT)
                .setParameter(1, id)
                .setParameter(2, type.aggregate().wireName())
                .setParameter(3, aggregateId)
                .setParameter(4, type.wireName())
                .setParameter(5, toJson(payload))
                .setParameter(6, site)
                .setParameter(7, String.join(",", routes.destinationsOf(type)))
                .setParameter(8, config.channel())
                .getSingleResult();
        return id;
    }

    private String toJson(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", e);
        }
    }
}
