package org.talkback.platform.bans;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.talkback.platform.net.IpAddresses;

/**
 * A moderator's ban of a person from a site, as every service matches it: by email, by author name (both without
 * regard to case) or by client address inside a range. Publication owns the bans; intake and spam-check get them
 * with SiteConfigured and match them with this same code.
 */
public record AuthorBan(String kind, String value, Instant expiresAt) {
    public static final String EMAIL = "email";
    public static final String AUTHOR = "author";
    public static final String ADDRESS = "address";

    /** Whether the ban is in force at {@code now} and covers this author or address. */
    public boolean covers(String email, String authorName, String clientIp, Instant now) {
        if (value == null || (expiresAt != null && !expiresAt.isAfter(now))) {
            return false;
        }
        return switch (kind) {
            case EMAIL -> email != null && value.equalsIgnoreCase(email.strip());
            case AUTHOR -> authorName != null && value.equals(authorName.strip().toLowerCase(Locale.ROOT));
            case ADDRESS -> clientIp != null && IpAddresses.range(value).map(range -> range.contains(clientIp)).orElse(false);
            default -> false;
        };
    }

    /** The first of the bans in force that covers this author or address. */
    public static Optional<AuthorBan> firstCovering(List<AuthorBan> bans, String email, String authorName,
            String clientIp, Instant now) {
        return bans.stream().filter(ban -> ban.covers(email, authorName, clientIp, now)).findFirst();
    }
}
