package org.talkback.platform.inbox;

import java.util.List;
import org.talkback.platform.events.EventEnvelope;

/**
 * A consumer that applies a whole delivery at once, with a few set-based statements instead of a few statements
 * per event: under load a delivery carries dozens of events, and per-event round trips are what would limit the
 * pipeline. The events are new (the inbox has filtered out redeliveries), about different aggregates (a relay
 * sends at most one event per comment in a batch) and all of this consumer's types.
 */
public interface BatchEventConsumer extends EventConsumer {

    void consumeAll(List<EventEnvelope> events);

    /** A single event, as when a failed batch is retried event by event to find the one that fails. */
    @Override
    default void consume(EventEnvelope event) {
        consumeAll(List.of(event));
    }
}
