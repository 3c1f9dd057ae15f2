package org.talkback.publication.model;

import java.time.Instant;
import java.util.Set;

/**
 * A moderator's or admin's account as admins see it (never its password), with where and how often its owner
 * wants mail about the moderators' queue ({@link #MAIL_PREFERENCES}).
 */
public record Account(String username, Set<String> roles, String createdBy, Instant createdAt, String email,
        String mailPreference) {

    /** none; immediate (a mail per comment); hourly or daily (one digest). */
    public static final Set<String> MAIL_PREFERENCES = Set.of("none", "immediate", "hourly", "daily");
}
