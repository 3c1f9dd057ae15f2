package org.talkback.publication.events;

import java.time.Instant;
import java.util.UUID;

/** publication's own copies of the fields it reads from intake's events. */
public final class IntakeEvents {

    private IntakeEvents() {
    }

    public record CommentSubmitted(UUID commentId, int revision, String threadUrl, String threadTitle, UUID parentId,
            String threadPosition, Author author, String body, Instant createdAt, String clientIp,
            Boolean notifyReplies) {
    }

    public record CommentEdited(UUID commentId, int revision, String body, Instant editedAt) {
    }

    public record CommentRetracted(UUID commentId, Instant retractedAt) {
    }

    public record CommentFlagged(UUID commentId, UUID flagId, String reason, Instant flaggedAt) {
    }

    public record Author(String name, String email, String url) {
    }
}
