package org.talkback.publication.model;

import java.time.Instant;
import java.util.Set;

/** A moderator's or admin's account as admins see it (never its password). */
public record Account(String username, Set<String> roles, String createdBy, Instant createdAt) {
}
