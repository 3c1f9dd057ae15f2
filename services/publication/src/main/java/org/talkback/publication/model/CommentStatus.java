package org.talkback.publication.model;

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
    /** Published, and reported by enough readers to be looked at again; still shown until a moderator decides. */
    public static final String FLAGGED = "flagged";
    /** Deleted by its author. */
    public static final String RETRACTED = "retracted";

    /** Whether readers see a comment in this state. */
    public static boolean isShown(String status) {
        return PUBLISHED.equals(status) || FLAGGED.equals(status);
    }

    private CommentStatus() {
    }
}
