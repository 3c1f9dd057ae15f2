package org.talkback.spamcheck.events;

import java.util.List;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;
import org.talkback.spamcheck.model.Judgement;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/**
 * The verdict on one revision of a comment, as publication reads it to decide what is shown; an edit is judged
 * again and its verdict names the new revision, so publication never shows a text under an older text's verdict.
 */
public record CommentClassified(UUID commentId, int revision, UUID checkId, Judgement verdict, double score,
        boolean discard, List<Reason> reasons) implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.COMMENT_CLASSIFIED;
    }

    @Override
    public String aggregateId() {
        return commentId.toString();
    }
}
