package org.talkback.platform.inbox;

import java.util.Set;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;

/**
 * A service's reaction to events of some types. Called inside the inbox transaction: whatever it writes commits
 * together with the record that the event was applied, or not at all.
 */
public interface EventConsumer {

    /** The types this consumer handles; together, the consumers of a service handle what EventType routes to it. */
    Set<EventType> eventTypes();

    void consume(EventEnvelope event);
}
