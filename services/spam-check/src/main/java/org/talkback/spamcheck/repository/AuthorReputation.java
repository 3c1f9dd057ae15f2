package org.talkback.spamcheck.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Per site and author: how many of their comments were decided ham and how many spam. */
@ApplicationScoped
public class AuthorReputation {

    public record Record(int ham, int spam) {
    }

    private final EntityManager entityManager;

    public AuthorReputation(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Who an author is for reputation: their email, or their address when they gave none. */
    public static Optional<String> keyOf(String email, String clientIp) {
        if (email != null && !email.isBlank()) {
            return Optional.of("email:" + email.strip().toLowerCase(Locale.ROOT));
        }
        return clientIp == null || clientIp.isBlank() ? Optional.empty() : Optional.of("ip:" + clientIp.strip());
    }

    public Record of(String siteId, String authorKey) {
        List<?> rows = entityManager.createNativeQuery(
                "select ham, spam from author_reputation where site_id = ?1 and author_key = ?2")
                .setParameter(1, siteId).setParameter(2, authorKey).getResultList();
        if (rows.isEmpty()) {
            return new Record(0, 0);
        }
        Object[] row = (Object[]) rows.get(0);
        return new Record(((Number) row[0]).intValue(), ((Number) row[1]).intValue());
    }

    /** Adds (or, with negative deltas, takes back) decisions about an author's comments. */
    public void add(String siteId, String authorKey, int hamDelta, int spamDelta) {
        entityManager.createNativeQuery("""
                insert into author_reputation (site_id, author_key, ham, spam) values (?1, ?2, greatest(?3, 0), greatest(?4, 0))
                on conflict (site_id, author_key) do update
                   set ham = greatest(author_reputation.ham + ?3, 0), spam = greatest(author_reputation.spam + ?4, 0)
                """)
                .setParameter(1, siteId).setParameter(2, authorKey).setParameter(3, hamDelta).setParameter(4, spamDelta)
                .executeUpdate();
    }
}
