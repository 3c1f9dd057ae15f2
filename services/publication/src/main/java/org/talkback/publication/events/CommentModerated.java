package org.talkback.publication.events;

import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;

/**
 * A moderator's decision, for spam-check to learn from: {@code label} is what the decision says about spam
 * ({@code spam} for spam, {@code ham} for approve and ham, none for a rejection, which is about tone or topic, not
 * spam). The text and author travel along so spam-check can learn even from a comment it never saw.
 */
public record CommentModerated(UUID commentId, UUID checkId, int revision, String action, String label,
        String previousStatus, String status, String moderator, String reason, String threadUrl, Author author,
        String body) implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.COMMENT_MODERATED;
    }

    @Override
    public String aggregateId() {
        return commentId.toString();
    }

    public record Author(String name, String email, String url) {
    }

    public static CommentModerated of(ModeratedComment comment, String action, CommentStatus previousStatus, String moderator,
            String reason) {
        String label = switch (action) {
            case "spam" -> "spam";
            case "approve", "ham" -> "ham";
            default -> null;
        };
        return new CommentModerated(comment.id, comment.checkId, comment.revision, action, label,
                previousStatus == null ? null : previousStatus.wireName(), comment.status.wireName(), moderator, reason, comment.threadUrl,
                new Author(comment.authorName, comment.authorEmail, comment.authorUrl), comment.body);
    }
}
