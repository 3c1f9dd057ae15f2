package org.talkback.publication.events;

import java.time.Instant;
import java.util.UUID;

/** publication's own copies of the fields it reads from intake's events. */
public final class IntakeEvents {

    private IntakeEvents() {
    }

    public record CommentSubmitted(UUID commentId, String threadUrl, String threadTitle, UUID parentId, Author author,
            String body, Instant createdAt) {
    }

    public record Author(String name, String email, String url) {
    }
}
