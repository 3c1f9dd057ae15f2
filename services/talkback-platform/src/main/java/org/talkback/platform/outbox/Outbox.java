package org.talkback.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records an event in the same transaction as the state change that caused it. Mandatory transaction: an event
 * written outside the change's transaction could survive a rolled-back change, or be lost after a committed one.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final OutboxConfig config;

    public Outbox(EntityManager entityManager, ObjectMapper objectMapper, OutboxConfig config) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String aggregateType, String aggregateId, String type, String site, Object payload) {
        UUID id = UUID.randomUUID();
        String destinations = subscribersOf(type);
        entityManager.createNativeQuery(OutboxSql.INSERT_EVENT)
                .setParameter(1, id)
                .setParameter(2, aggregateType)
                .setParameter(3, aggregateId)
                .setParameter(4, type)
                .setParameter(5, toJson(payload))
                .setParameter(6, site)
                .setParameter(7, destinations)
                .setParameter(8, config.channel())
                .getSingleResult();
        return id;
    }

    private String subscribersOf(String type) {
        return config.subscribers().entrySet().stream()
                .filter(subscriber -> subscriber.getValue().types().contains(type))
                .map(Map.Entry::getKey)
                .sorted()
                .collect(Collectors.joining(","));
    }

    private String toJson(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", e);
        }
    }
}
