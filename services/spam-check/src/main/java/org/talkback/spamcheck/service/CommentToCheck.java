package org.talkback.spamcheck.service;

import java.util.UUID;

/** What a check looks at: the text, who wrote it, and the signals the comment form collected. */
public record CommentToCheck(
        String siteId,
        UUID commentId,
        int revision,
        String content,
        String authorName,
        String authorEmail,
        String authorUrl,
        String clientIp,
        boolean honeypotFilled,
        Double secondsToSubmit) {
}
