package org.talkback.spamcheck.events;

import java.util.UUID;

/**
 * spam-check's own copy of the fields it reads from intake's CommentSubmitted, and from CommentEdited, which
 * carries the same fields for a new revision plus its recheck reason.
 */
public record CommentSubmitted(UUID commentId, int revision, String recheckReason, Author author, String body, String clientIp, String userAgent,
        String referrer, String permalink, Signals signals) {

    public record Author(String name, String email, String url) {
    }

    public record Signals(boolean honeypotFilled, Double secondsToSubmit) {
    }
}
