package org.talkback.intake.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.BatchEventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/** Keeps the author's view in step with publication's decisions. */
@ApplicationScoped
public class CommentStatusConsumer implements BatchEventConsumer {

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
    public void consumeAll(List<EventEnvelope> events) {
        UUID[] ids = new UUID[events.size()];
        String[] statuses = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            CommentStatusChanged change = payloads.read(events.get(i), CommentStatusChanged.class);
            ids[i] = change.commentId();
            statuses[i] = change.status();
        }
        comments.applyStatuses(ids, statuses);
    }
}
