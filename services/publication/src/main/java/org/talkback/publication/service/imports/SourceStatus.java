package org.talkback.publication.service.imports;

/** What the source had decided about a comment, in Talkback's terms. */
public enum SourceStatus {
    /** Approved there: shown here. */
    PUBLISHED,
    /** Shown, and back with the moderators after readers' reports (Talkback's own exports only). */
    FLAGGED,
    /** Waiting for a moderator there: held here. */
    HELD,
    /** Marked as spam there: spam here, never shown, and an example for the site's filter. */
    SPAM,
    /** Rejected by a moderator (Talkback's own exports only). */
    REJECTED,
    /** Deleted or in the trash there: not imported. */
    DELETED
}
