package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.talkback.spamcheck.repository.AuthorRecords;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/** An admin erased a person's data (publication's AuthorErased): spam-check erases its own copy of it. */
@ApplicationScoped
public class AuthorErasedConsumer implements EventConsumer {

    /** spam-check's own copy of the fields it reads from publication's event. */
    record AuthorErased(String email, String name, String address, List<UUID> commentIds, boolean remove,
            String placeholder) {
    }

    private final AuthorRecords records;
    private final EventPayloads payloads;

    public AuthorErasedConsumer(AuthorRecords records, EventPayloads payloads) {
        this.records = records;
        this.payloads = payloads;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.AUTHOR_ERASED);
    }

    @Override
    public void consume(EventEnvelope event) {
        AuthorErased erased = payloads.read(event, AuthorErased.class);
        records.erase(event.site(), erased.commentIds().toArray(UUID[]::new), erased.email(), erased.address(),
                erased.remove());
    }
}
