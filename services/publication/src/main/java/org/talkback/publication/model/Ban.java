package org.talkback.publication.model;

import java.time.Instant;
import java.util.UUID;
import org.talkback.platform.bans.AuthorBan;

/** A ban: whom (kind email, author or address; value the email, name, or address/range), why, until when. */
public record Ban(UUID id, String site, String kind, String value, String reason, String createdBy,
        Instant createdAt, Instant expiresAt) {

    /** What every service matches a comment's author against. */
    public AuthorBan asAuthorBan() {
        return new AuthorBan(kind, value, expiresAt);
    }
}
