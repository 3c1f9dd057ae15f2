package org.talkback.platform.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.problem.ProblemException;

/**
 * Applies each delivered event exactly once. The inbox row is inserted first: a concurrent duplicate waits on
 * the primary key and then finds it taken, where check-then-insert would let both through.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    public enum Outcome { APPLIED, DUPLICATE, REFUSED }

    /** What became of one event; status and detail only for a refusal. */
    public record Result(UUID eventId, Outcome outcome, Integer status, String detail) {
    }

    private final EntityManager entityManager;
    private final Map<String, EventConsumer> consumersByType = new HashMap<>();

    public Inbox(EntityManager entityManager, Instance<EventConsumer> consumers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.entityManager = entityManager;
        for (EventConsumer consumer : consumers) {
            for (EventType type : consumer.eventTypes()) {
                EventConsumer previous = consumersByType.put(type.wireName(), consumer);
                if (previous != null) {
                    throw new IllegalStateException("two consumers for " + type + ": " + previous + " and " + consumer);
                }
            }
        }
        // The catalogue of event types and this service's consumers must agree, or an event would be sent here
        // only to be refused, or a consumer would wait for events nobody sends.
        Set<String> routedHere = new TreeSet<>();
        for (EventType type : EventType.values()) {
            if (type.consumers().contains(service)) {
                routedHere.add(type.wireName());
            }
        }
        if (!routedHere.equals(new TreeSet<>(consumersByType.keySet()))) {
            throw new IllegalStateException(service + " is sent " + routedHere + " but consumes "
                    + new TreeSet<>(consumersByType.keySet()));
        }
    }

    public Optional<EventConsumer> consumerOf(String type) {
        return Optional.ofNullable(consumersByType.get(type));
    }

    /**
     * Applies a batch. The fast path is one transaction for the whole batch (a relay sends at most one event per
     * comment in a batch, so their order does not matter); if anything in it fails, each event is retried in its
     * own transaction, so one bad event is refused alone and the others still apply.
     */
    public List<Result> applyAll(List<EventEnvelope> events) {
        List<EventEnvelope> consumable = new ArrayList<>();
        Map<UUID, Result> refusedUpFront = new HashMap<>();
        for (EventEnvelope event : events) {
            if (consumerOf(event.type()).isPresent()) {
                consumable.add(event);
            } else {
                refusedUpFront.put(event.id(), new Result(event.id(), Outcome.REFUSED, 422,
                        "This service does not consume " + event.type() + " events."));
            }
        }
        // Every receiver locks rows of the comment an event is about. Two batches (say, intake's texts and
        // spam-check's verdicts for the same comments) taking those locks in different orders would deadlock,
        // and PostgreSQL only notices after deadlock_timeout (1 s). One global order makes them merely queue.
        consumable.sort(java.util.Comparator.comparing(EventEnvelope::aggregateId,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).thenComparing(EventEnvelope::id));
        Map<UUID, Result> results = new HashMap<>(refusedUpFront);
        if (!consumable.isEmpty()) {
            try {
                QuarkusTransaction.requiringNew().call(() -> applyBatchInCurrentTransaction(consumable))
                        .forEach(result -> results.put(result.eventId(), result));
            } catch (RuntimeException batchFailed) {
                for (EventEnvelope event : consumable) {
                    results.put(event.id(), applyAlone(event));
                }
            }
        }
        return events.stream().map(event -> results.get(event.id())).toList();
    }

    /**
     * The inbox rows of the whole batch in one statement, which says which events are new; those go to their
     * consumers, a BatchEventConsumer's all at once, another's one by one.
     */
    private List<Result> applyBatchInCurrentTransaction(List<EventEnvelope> batch) {
        Set<UUID> fresh = recordReceived(batch);
        Map<EventConsumer, List<EventEnvelope>> byConsumer = new java.util.LinkedHashMap<>();
        List<Result> results = new ArrayList<>(batch.size());
        for (EventEnvelope event : batch) {
            if (fresh.contains(event.id())) {
                byConsumer.computeIfAbsent(consumersByType.get(event.type()), c -> new ArrayList<>()).add(event);
                results.add(new Result(event.id(), Outcome.APPLIED, null, null));
            } else {
                results.add(new Result(event.id(), Outcome.DUPLICATE, null, null));
            }
        }
        byConsumer.forEach(this::consume);
        return results;
    }

    private void consume(EventConsumer consumer, List<EventEnvelope> events) {
        if (consumer instanceof BatchEventConsumer batchConsumer) {
            batchConsumer.consumeAll(events);
            entityManager.flush();
            return;
        }
        for (EventEnvelope event : events) {
            consumer.consume(event);
            // Write this event's changes and forget its entities: otherwise every native query of the next events
            // would auto-flush (dirty-check) all entities of the batch so far, and a batch would cost O(n²).
            entityManager.flush();
            entityManager.clear();
        }
    }

    /** Inserts the events' inbox rows; returns the ids that were not there yet. */
    private Set<UUID> recordReceived(List<EventEnvelope> batch) {
        UUID[] ids = new UUID[batch.size()];
        String[] types = new String[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.get(i).id();
            types[i] = batch.get(i).type();
        }
        // No result class (UUID.class) on purpose: Hibernate 7 keys its plan cache for a native query by the SQL
        // and the result mapping, and a mapping made from a result class never equals the previous one. Each
        // delivery then added an entry under the same hash, and every lookup walked them all (a fifth of every
        // service's CPU in the pipeline benchmark's profile). The driver returns the uuid column as UUID anyway.
        @SuppressWarnings("unchecked")
        List<UUID> inserted = entityManager.createNativeQuery("""
                insert into inbox (event_id, type) select * from unnest(cast(?1 as uuid[]), cast(?2 as text[]))
                on conflict do nothing returning event_id
                """).setParameter(1, ids).setParameter(2, types).getResultList();
        return new java.util.HashSet<>(inserted);
    }

    private Result applyAlone(EventEnvelope event) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyInCurrentTransaction(event));
        } catch (RuntimeException failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException refused) {
                    return new Result(event.id(), Outcome.REFUSED, refused.status(), refused.getMessage());
                }
            }
            LOG.errorf(failed, "event %s (%s) could not be applied", event.id(), event.type());
            return new Result(event.id(), Outcome.REFUSED, 500, "The event could not be applied.");
        }
    }

    private Result applyInCurrentTransaction(EventEnvelope event) {
        return applyBatchInCurrentTransaction(List.of(event)).get(0);
    }
}
