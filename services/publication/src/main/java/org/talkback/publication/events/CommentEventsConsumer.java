package org.talkback.publication.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.publication.service.moderation.PublicationService;

/**
 * The two halves of a comment, its text from intake and its verdict from spam-check, and what happens to it
 * afterwards on the author's and readers' side (edits, deletion, reports).
 */
@ApplicationScoped
public class CommentEventsConsumer implements EventConsumer {

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
    public void consume(EventEnvelope event) {
        switch (EventType.ofWireName(event.type()).orElseThrow()) {
            case COMMENT_SUBMITTED ->
                    publication.commentSubmitted(event.site(), payloads.read(event, IntakeEvents.CommentSubmitted.class));
            case COMMENT_CLASSIFIED -> publication.commentClassified(event.site(),
                    payloads.read(event, SpamCheckEvents.CommentClassified.class));
            case COMMENT_EDITED ->
                    publication.commentEdited(event.site(), payloads.read(event, IntakeEvents.CommentEdited.class));
            case COMMENT_RETRACTED ->
                    publication.commentRetracted(event.site(), payloads.read(event, IntakeEvents.CommentRetracted.class));
            case COMMENT_FLAGGED ->
                    publication.commentFlagged(event.site(), payloads.read(event, IntakeEvents.CommentFlagged.class));
            default -> throw new IllegalArgumentException("not a comment event: " + event.type());
        }
    }
}
