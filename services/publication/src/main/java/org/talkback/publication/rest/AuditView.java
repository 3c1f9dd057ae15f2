package org.talkback.publication.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Entries of the audit log: who changed a comment's status, from what to what, when and why. */
public record AuditView(List<Entry> entries, String nextCursor) {

    public record Entry(long id, UUID commentId, String threadUrl, String actor, String action, String from,
            String to, String reason, Instant at) {
    }
}
