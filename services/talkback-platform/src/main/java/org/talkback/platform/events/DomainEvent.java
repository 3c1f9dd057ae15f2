package org.talkback.platform.events;

/**
 * An event's payload that knows what it is: its type (and so where it goes) and the aggregate it is about. The
 * payload is written as JSON from the record's components; these two methods are not components, so they do not
 * appear in it.
 */
public interface DomainEvent {

    EventType eventType();

    /** The comment's, site's or thread's id: the relay keeps one aggregate's events in order. */
    String aggregateId();
}
