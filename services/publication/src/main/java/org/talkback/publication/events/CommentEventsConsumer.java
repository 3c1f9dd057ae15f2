package org.talkback.publication.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.BatchEventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.publication.service.moderation.PublicationService;

/**
 * The two halves of a comment, its text from intake and its verdict from spam-check, and what happens to it
 * afterwards on the author's and readers' side (edits, deletion, reports).
 */
@ApplicationScoped
public class CommentEventsConsumer implements BatchEventConsumer {

    private final PublicationService publication;
    private final EventPayloads payloads;

    public CommentEventsConsumer(PublicationService publication, EventPayloads payloads) {
        this.publication = publication;
        this.payloads = payloads;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.COMMENT_SUBMITTED, EventType.COMMENT_CLASSIFIED, EventType.COMMENT_EDITED,
                EventType.COMMENT_RETRACTED, EventType.COMMENT_FLAGGED);
    }

    @Override
    public void consumeAll(List<EventEnvelope> events) {
        List<PublicationService.CommentEvent> read = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            Object payload = switch (EventType.ofWireName(event.type()).orElseThrow()) {
                case COMMENT_SUBMITTED -> payloads.read(event, IntakeEvents.CommentSubmitted.class);
                case COMMENT_CLASSIFIED -> payloads.read(event, SpamCheckEvents.CommentClassified.class);
                case COMMENT_EDITED -> payloads.read(event, IntakeEvents.CommentEdited.class);
                case COMMENT_RETRACTED -> payloads.read(event, IntakeEvents.CommentRetracted.class);
                case COMMENT_FLAGGED -> payloads.read(event, IntakeEvents.CommentFlagged.class);
                default -> throw new IllegalArgumentException("not a comment event: " + event.type());
            };
            read.add(new PublicationService.CommentEvent(event.site(), commentIdOf(payload), payload));
        }
        publication.apply(read);
    }

    private static UUID commentIdOf(Object payload) {
        if (payload instanceof IntakeEvents.CommentSubmitted submitted) {
            return submitted.commentId();
        } else if (payload instanceof SpamCheckEvents.CommentClassified classified) {
            return classified.commentId();
        } else if (payload instanceof IntakeEvents.CommentEdited edited) {
            return edited.commentId();
        } else if (payload instanceof IntakeEvents.CommentRetracted retracted) {
            return retracted.commentId();
        }
        return ((IntakeEvents.CommentFlagged) payload).commentId();
    }
}
