package org.talkback.spamcheck.events;

import java.util.UUID;

/** spam-check's own copy of the fields it reads from intake's CommentSubmitted. */
public record CommentSubmitted(UUID commentId, Author author, String body, String clientIp, String userAgent,
        String referrer, String permalink, Signals signals) {

    public record Author(String name, String email, String url) {
    }

    public record Signals(boolean honeypotFilled, Double secondsToSubmit) {
    }
}
