package org.talkback.intake.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/**
 * Comments an admin imported through publication: stored here like readers' comments (so that readers can reply
 * to them, and they count in their authors' histories), with the status publication gave them, but never editable
 * (no one holds an edit token for them). A batch is written with one statement per table; comments already here
 * (the batch delivered again) are left alone.
 */
@ApplicationScoped
public class CommentsImportedConsumer implements EventConsumer {

    /** intake's own copy of the fields it reads from publication's event. */
    record CommentsImported(UUID importId, List<Imported> comments) {
    }

    record Imported(UUID id, String threadUrl, String threadTitle, UUID parentId, int depth, String threadPosition,
            String authorName, String authorEmail, String authorUrl, String clientIp, Instant createdAt, String body,
            String status) {
    }

    private final CommentRepository comments;
    private final EventPayloads payloads;
    private final ObjectMapper json;

    public CommentsImportedConsumer(CommentRepository comments, EventPayloads payloads, ObjectMapper json) {
        this.comments = comments;
        this.payloads = payloads;
        this.json = json;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.COMMENTS_IMPORTED);
    }

    @Override
    public void consume(EventEnvelope event) {
        CommentsImported imported = payloads.read(event, CommentsImported.class);
        try {
            comments.importAll(event.site(), json.writeValueAsString(imported.comments()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
