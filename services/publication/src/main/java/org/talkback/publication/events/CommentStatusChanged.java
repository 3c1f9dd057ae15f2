package org.talkback.publication.events;

import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/** Tells intake (and so the author) where a comment stands: published, held, spam, discarded or rejected. */
public record CommentStatusChanged(UUID commentId, String status, String previousStatus, String reason)
        implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.COMMENT_STATUS_CHANGED;
    }

    @Override
    public String aggregateId() {
        return commentId.toString();
    }
}
