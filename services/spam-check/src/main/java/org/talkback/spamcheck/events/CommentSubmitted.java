package org.talkback.spamcheck.events;

import java.util.UUID;

/**
 * spam-check's own copy of the fields it reads from intake's CommentSubmitted, and from CommentEdited, which
 * carries the same fields for a new revision.
 */
public record CommentSubmitted(UUID commentId, int revision, Author author, String body, String clientIp,
        Signals signals) {

    public record Author(String name, String email, String url) {
    }

    public record Signals(boolean honeypotFilled, Double secondsToSubmit) {
    }
}
