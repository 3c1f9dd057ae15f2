package org.talkback.publication.model;

import java.time.Instant;
import java.util.UUID;

/** One entry of the audit log: who changed a comment's status (or a thread, or a ban), from what to what, when, why. */
public record AuditEntry(long id, UUID commentId, String threadUrl, String actor, String action, String from,
        String to, String reason, Instant at) {
}
