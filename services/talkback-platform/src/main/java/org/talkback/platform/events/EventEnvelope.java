package org.talkback.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels between the services: one domain event and where it came from. The field names are fixed by
 * the public contract, so that a consumer written against Kafka (Debezium's outbox router) reads the same shape.
 */
public record EventEnvelope(
        UUID id,
        String type,
        String aggregateType,
        String aggregateId,
        Instant occurredAt,
        String site,
        JsonNode payload,
        String traceparent) {
}
