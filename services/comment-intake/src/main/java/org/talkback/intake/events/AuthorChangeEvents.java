package org.talkback.intake.events;

import java.time.Instant;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/** What intake tells the other services when an author changes their comment or a reader reports one. */
public final class AuthorChangeEvents {

    private AuthorChangeEvents() {
    }

    /**
     * A new revision of the text. It carries what a check needs, like a submission, because an edit is checked
     * again: posting something clean and editing links in later is how spammers get past a filter.
     */
    public record CommentEdited(UUID commentId, int revision, UUID threadId, String threadUrl, UUID parentId,
            CommentSubmitted.Author author, String body, Instant editedAt, String clientIp, String userAgent,
            String referrer, String permalink, String recheckReason) implements DomainEvent {

        @Override
        public EventType eventType() {
            return EventType.COMMENT_EDITED;
        }

        @Override
        public String aggregateId() {
            return commentId.toString();
        }
    }

    /** The author deleted the comment; it is to disappear wherever it is shown. */
    public record CommentRetracted(UUID commentId, String threadUrl, Instant retractedAt) implements DomainEvent {

        @Override
        public EventType eventType() {
            return EventType.COMMENT_RETRACTED;
        }

        @Override
        public String aggregateId() {
            return commentId.toString();
        }
    }

    /** A reader's report; publication counts reports into its flagged queue. */
    public record CommentFlagged(UUID commentId, UUID flagId, String threadUrl, String reason, String note,
            Instant flaggedAt) implements DomainEvent {

        @Override
        public EventType eventType() {
            return EventType.COMMENT_FLAGGED;
        }

        @Override
        public String aggregateId() {
            return commentId.toString();
        }
    }
}
