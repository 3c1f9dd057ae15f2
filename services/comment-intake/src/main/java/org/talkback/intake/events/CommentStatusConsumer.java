package org.talkback.intake.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventTypes;
import org.talkback.platform.inbox.EventConsumer;

/** Keeps the author's view in step with publication's decisions. */
@ApplicationScoped
public class CommentStatusConsumer implements EventConsumer {

    /** intake's own copy of the fields it reads from publication's event. */
    record CommentStatusChanged(UUID commentId, String status) {
    }

    private final CommentRepository comments;
    private final ObjectMapper objectMapper;

    public CommentStatusConsumer(CommentRepository comments, ObjectMapper objectMapper) {
        this.comments = comments;
        this.objectMapper = objectMapper;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.COMMENT_STATUS_CHANGED);
    }

    @Override
    public void consume(EventEnvelope event) {
        CommentStatusChanged change;
        try {
            change = objectMapper.treeToValue(event.payload(), CommentStatusChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed CommentStatusChanged " + event.id(), e);
        }
        comments.findByIdOptional(change.commentId()).ifPresent(comment -> comment.status = change.status());
    }
}
