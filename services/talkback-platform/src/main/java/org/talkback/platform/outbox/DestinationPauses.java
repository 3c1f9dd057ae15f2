package org.talkback.platform.outbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's circuit breaker. While a subscriber is down, claiming its deliveries only to fail to connect costs a
 * claim and a failure update per batch, and every new event wakes the relay to do it again: during an outage
 * of spam-check that burned most of a core in PostgreSQL on a growing backlog. Instead the destination is paused
 * after a failed connection, for a delay that doubles with each failure in a row (the outbox's backoff, base to
 * max); when the pause ends the next claim is the probe, and one answer, of any status, ends the outage.
 */
final class DestinationPauses {

    private record Outage(int failures, long until) {
    }

    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private final long baseNanos;
    private final long maxNanos;

    DestinationPauses(long baseNanos, long maxNanos) {
        this.baseNanos = baseNanos;
        this.maxNanos = maxNanos;
    }

    void unreachable(String destination, long now) {
        outages.compute(destination, (d, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            long delay = Math.min(maxNanos, baseNanos << Math.min(failures - 1, 30));
            return new Outage(failures, now + delay);
        });
    }

    void reached(String destination) {
        outages.remove(destination);
    }

    /** Destinations not to claim for now. */
    List<String> paused(long now) {
        return outages.entrySet().stream().filter(e -> e.getValue().until() - now > 0).map(Map.Entry::getKey).toList();
    }

    /** How long until one of the given destinations may be tried again: 0 if one can be now. */
    long allPausedFor(Collection<String> destinations, long now) {
        long soonest = Long.MAX_VALUE;
        for (String destination : destinations) {
            Outage outage = outages.get(destination);
            if (outage == null || outage.until() - now <= 0) {
                return 0;
            }
            soonest = Math.min(soonest, outage.until() - now);
        }
        return destinations.isEmpty() ? 0 : soonest;
    }
}
