package org.talkback.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.talkback.platform.events.EventEnvelope;

/**
 * Applies each delivered event exactly once. The inbox row is inserted first: a concurrent duplicate waits on
 * the primary key and then finds it taken, where check-then-insert would let both through.
 */
@ApplicationScoped
public class Inbox {

    public enum Outcome { APPLIED, DUPLICATE }

    private final EntityManager entityManager;
    private final Map<String, EventConsumer> consumersByType = new HashMap<>();

    public Inbox(EntityManager entityManager, Instance<EventConsumer> consumers) {
        this.entityManager = entityManager;
        for (EventConsumer consumer : consumers) {
            for (String type : consumer.eventTypes()) {
                EventConsumer previous = consumersByType.put(type, consumer);
                if (previous != null) {
                    throw new IllegalStateException("two consumers for " + type + ": " + previous + " and " + consumer);
                }
            }
        }
    }

    public Optional<EventConsumer> consumerOf(String type) {
        return Optional.ofNullable(consumersByType.get(type));
    }

    @Transactional
    public Outcome apply(EventEnvelope event, EventConsumer consumer) {
        int inserted = entityManager
                .createNativeQuery("insert into inbox (event_id, type) values (?1, ?2) on conflict do nothing")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .executeUpdate();
        if (inserted == 0) {
            return Outcome.DUPLICATE;
        }
        consumer.consume(event);
        return Outcome.APPLIED;
    }
}
