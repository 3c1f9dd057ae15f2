package org.talkback.platform.events;

/** The event names of the public contract, in one place so a typo is a compile error, not a lost event. */
public final class EventTypes {
    public static final String COMMENT_SUBMITTED = "CommentSubmitted";
    public static final String COMMENT_EDITED = "CommentEdited";
    public static final String COMMENT_RETRACTED = "CommentRetracted";
    public static final String COMMENT_FLAGGED = "CommentFlagged";
    public static final String COMMENT_CLASSIFIED = "CommentClassified";
    public static final String COMMENT_STATUS_CHANGED = "CommentStatusChanged";
    public static final String COMMENT_MODERATED = "CommentModerated";
    public static final String SITE_CONFIGURED = "SiteConfigured";
    /** A moderator closed or reopened a thread (publication → intake). Not in the contract's list: an extra. */
    public static final String THREAD_STATE_CHANGED = "ThreadStateChanged";

    public static final String AGGREGATE_COMMENT = "comment";
    public static final String AGGREGATE_SITE = "site";
    public static final String AGGREGATE_THREAD = "thread";

    private EventTypes() {
    }
}
