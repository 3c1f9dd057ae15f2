package org.talkback.platform.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt: exponential from {@code base}, at most {@code max}, with "equal jitter"
 * (half the delay fixed, half random), so that deliveries failing together do not retry in step. Used by the
 * outbox relay and by publication's webhooks alike.
 */
public record Backoff(Duration base, Duration max) {

    /** The delay before attempt {@code attempts + 1}, after {@code attempts} failed ones (1 or more). */
    public Duration after(int attempts) {
        double baseMillis = base.toMillis();
        double delay = Math.min(max.toMillis(), baseMillis * Math.pow(2, Math.max(0, Math.min(attempts - 1, 30))));
        return Duration.ofMillis(Math.round(delay / 2 + ThreadLocalRandom.current().nextDouble() * delay / 2));
    }
}
