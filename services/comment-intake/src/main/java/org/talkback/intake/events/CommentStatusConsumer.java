package org.talkback.intake.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/** Keeps the author's view in step with publication's decisions. */
@ApplicationScoped
public class CommentStatusConsumer implements EventConsumer {

    /** intake's own copy of the fields it reads from publication's event. */
    record CommentStatusChanged(UUID commentId, String status) {
    }

    private final CommentRepository comments;
    private final EventPayloads payloads;

    public CommentStatusConsumer(CommentRepository comments, EventPayloads payloads) {
        this.comments = comments;
        this.payloads = payloads;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.COMMENT_STATUS_CHANGED);
    }

    @Override
    public void consume(EventEnvelope event) {
        CommentStatusChanged change = payloads.read(event, CommentStatusChanged.class);
        // An author's retraction is final here, whatever publication was deciding meanwhile.
        comments.findByIdOptional(change.commentId())
                .filter(comment -> !comment.isRetracted())
                .ifPresent(comment -> comment.status = change.status());
    }
}
