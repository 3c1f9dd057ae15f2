package org.talkback.platform.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's circuit breaker. While a subscriber is down, claiming its deliveries only to fail to connect costs a
 * claim and a failure update per batch, and every new event wakes the relay to do it again: during an outage
 * of spam-check that burned most of a core in PostgreSQL on a growing backlog. Instead the destination is paused
 * after a failed connection, for a delay that doubles with each failure in a row (the outbox's backoff, base to
 * max): its relay loop sleeps, and when the pause ends its next claim is the probe; one answer, of any status,
 * ends the outage.
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

    /** How long until the destination may be tried again: 0 if it can be now. */
    long pausedFor(String destination, long now) {
        Outage outage = outages.get(destination);
        return outage == null ? 0 : Math.max(0, outage.until() - now);
    }
}
