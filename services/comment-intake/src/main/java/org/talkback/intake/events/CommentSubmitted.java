package org.talkback.intake.events;

import java.time.Instant;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;

/** Everything spam-check and publication need to know about a new comment, so neither has to call back. */
public record CommentSubmitted(
        UUID commentId,
        int revision,
        UUID threadId,
        String threadUrl,
        String threadTitle,
        UUID parentId,
        int depth,
        String threadPosition,
        Author author,
        String body,
        Instant createdAt,
        String clientIp,
        String userAgent,
        String referrer,
        String permalink,
        Signals signals,
        /** The author asked to be mailed replies; publication confirms the address first. */
        boolean notifyReplies) implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.COMMENT_SUBMITTED;
    }

    @Override
    public String aggregateId() {
        return commentId.toString();
    }

    public record Author(String name, String email, String url) {
    }

    /** What the form saw: a filled honeypot, and how long the reader took from form shown to submit. */
    public record Signals(boolean honeypotFilled, Double secondsToSubmit) {
    }
}
