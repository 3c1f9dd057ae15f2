package org.talkback.publication.rest;

import java.util.List;
import org.talkback.publication.model.AuditEntry;

/** A page of the audit log, and the cursor of the next one (null on the last). */
public record AuditView(List<AuditEntry> entries, String nextCursor) {
}
