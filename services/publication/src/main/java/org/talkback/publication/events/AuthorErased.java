package org.talkback.publication.events;

import java.util.List;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/**
 * An admin erased a person's data on their request: intake and spam-check erase theirs. The person is named as
 * the admin named them (email, or name and address) and by their comments' ids, since spam-check's checks do not
 * keep names. {@code remove}: the comments go as well; otherwise they stay, anonymised.
 */
public record AuthorErased(UUID erasureId, String email, String name, String address, List<UUID> commentIds,
        boolean remove, String placeholder) implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.AUTHOR_ERASED;
    }

    @Override
    public String aggregateId() {
        return erasureId.toString();
    }
}
