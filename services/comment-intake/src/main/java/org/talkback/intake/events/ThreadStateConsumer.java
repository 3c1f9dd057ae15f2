package org.talkback.intake.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.intake.repository.ThreadRepository;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/**
 * A moderator closed or reopened a thread; from then on intake refuses (409) or accepts new comments for it. A
 * thread can be closed before anyone commented (an article that should never have comments), so it is created.
 */
@ApplicationScoped
public class ThreadStateConsumer implements EventConsumer {

    /** intake's own copy of the fields it reads from publication's event. */
    record ThreadStateChanged(String url, String state) {
    }

    private final ThreadRepository threads;
    private final EventPayloads payloads;

    public ThreadStateConsumer(ThreadRepository threads, EventPayloads payloads) {
        this.threads = threads;
        this.payloads = payloads;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.THREAD_STATE_CHANGED);
    }

    @Override
    public void consume(EventEnvelope event) {
        ThreadStateChanged change = payloads.read(event, ThreadStateChanged.class);
        threads.findOrCreate(event.site(), change.url(), null).state = change.state();
    }
}
