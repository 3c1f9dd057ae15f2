package org.talkback.publication.service;

/** Where a comment stands with publication. */
public final class CommentStatus {
    /** Waiting for its text or its verdict (or both). Never shown. */
    public static final String PENDING = "pending";
    public static final String PUBLISHED = "published";
    /** Waiting for a moderator: spam-check was unsure, or the site moderates first. */
    public static final String HELD = "held";
    /** spam-check called it spam; a moderator can still approve it. */
    public static final String SPAM = "spam";
    /** Blatant spam: kept out of the queue, retained only for audit. */
    public static final String DISCARDED = "discarded";
    public static final String REJECTED = "rejected";

    private CommentStatus() {
    }
}
