package org.talkback.platform.bans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorBanTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void anEmailBanCoversThatEmailInAnyCaseAndNoOther() {
        AuthorBan ban = new AuthorBan(AuthorBan.EMAIL, "troll@example.org", null);
        assertTrue(ban.covers(" Troll@Example.ORG", "Anyone", "192.0.2.1", NOW));
        assertFalse(ban.covers("troll@example.org.evil", "Anyone", "192.0.2.1", NOW));
        assertFalse(ban.covers(null, "troll@example.org", "192.0.2.1", NOW));
    }

    @Test
    void aNameBanCoversTheNameAsBannedLowerCased() {
        AuthorBan ban = new AuthorBan(AuthorBan.AUTHOR, "grumpy gus", null);
        assertTrue(ban.covers(null, "Grumpy Gus", "192.0.2.1", NOW));
        assertFalse(ban.covers(null, "Grumpy Gustav", "192.0.2.1", NOW));
    }

    @Test
    void anAddressBanCoversItsRangeInBothFamilies() {
        AuthorBan v4 = new AuthorBan(AuthorBan.ADDRESS, "203.0.113.0/24", null);
        assertTrue(v4.covers(null, "A", "203.0.113.77", NOW));
        assertFalse(v4.covers(null, "A", "203.0.114.1", NOW));
        assertFalse(v4.covers(null, "A", "not an address", NOW));
        AuthorBan v6 = new AuthorBan(AuthorBan.ADDRESS, "2001:db8:bad::/48", null);
        assertTrue(v6.covers(null, "A", "2001:db8:bad:1::5", NOW));
        assertFalse(v6.covers(null, "A", "2001:db8:bae::5", NOW));
    }

    @Test
    void anExpiredBanCoversNobody() {
        AuthorBan ban = new AuthorBan(AuthorBan.EMAIL, "troll@example.org", NOW);
        assertFalse(ban.covers("troll@example.org", "A", null, NOW));
        assertTrue(ban.covers("troll@example.org", "A", null, NOW.minusSeconds(1)));
    }

    @Test
    void theFirstCoveringBanIsTheOneReported() {
        List<AuthorBan> bans = List.of(new AuthorBan(AuthorBan.AUTHOR, "someone else", null),
                new AuthorBan(AuthorBan.ADDRESS, "192.0.2.0/24", null), new AuthorBan(AuthorBan.EMAIL, "a@b.example", null));
        assertEquals(Optional.of(bans.get(1)), AuthorBan.firstCovering(bans, "a@b.example", "A", "192.0.2.9", NOW));
        assertEquals(Optional.empty(), AuthorBan.firstCovering(bans, "c@d.example", "A", "198.51.100.1", NOW));
    }
}
