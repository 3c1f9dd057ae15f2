package org.talkback.publication.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventTypes;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.publication.service.PublicationService;

/** The two halves of a new comment: its text from intake, its verdict from spam-check. */
@ApplicationScoped
public class CommentEventsConsumer implements EventConsumer {

    private final PublicationService publication;
    private final EventPayloads payloads;

    public CommentEventsConsumer(PublicationService publication, EventPayloads payloads) {
        this.publication = publication;
        this.payloads = payloads;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.COMMENT_SUBMITTED, EventTypes.COMMENT_CLASSIFIED);
    }

    @Override
    public void consume(EventEnvelope event) {
        if (EventTypes.COMMENT_SUBMITTED.equals(event.type())) {
            publication.commentSubmitted(event.site(), payloads.read(event, IntakeEvents.CommentSubmitted.class));
        } else {
            publication.commentClassified(event.site(), payloads.read(event, SpamCheckEvents.CommentClassified.class));
        }
    }
}
