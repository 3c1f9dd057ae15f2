package org.talkback.publication.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/** A moderator closed or reopened a thread; intake refuses new comments to a closed one. */
public record ThreadStateChanged(String site, String url, String state) implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.THREAD_STATE_CHANGED;
    }

    /** A thread's events keep their order (close, then open) under one id that fits the column. */
    @Override
    public String aggregateId() {
        return UUID.nameUUIDFromBytes((site + " " + url).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
