package org.talkback.platform.inbox;

import java.util.Set;
import org.talkback.platform.events.EventEnvelope;

/**
 * A service's reaction to events of some types. Called inside the inbox transaction: whatever it writes commits
 * together with the record that the event was applied, or not at all.
 */
public interface EventConsumer {

    Set<String> eventTypes();

    void consume(EventEnvelope event);
}
