package org.talkback.spamcheck.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What spam-check keeps about one person, for a reader's data request and its erasure: the checks of their
 * comments (by the ids publication knows, or by email for checks asked through the Akismet API), the author
 * reputation under their email or address, and the website they gave, kept with training examples.
 */
@ApplicationScoped
public class AuthorRecords {
    private static final String MATCH = """
            site_id = :site and (comment_id = any(cast(:ids as uuid[])) or lower(author_email) = lower(:email))""";

    private final EntityManager entityManager;

    public AuthorRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record CheckRecord(UUID id, UUID commentId, String verdict, double score, String authorEmail,
            String authorUrl, String clientIp, String content, Instant createdAt) {
    }

    public record ReputationRecord(String author, int ham, int spam) {
    }

    public List<CheckRecord> checks(String siteId, UUID[] ids, String email) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, comment_id, verdict, score, author_email, author_url, client_ip, content, created_at
                  from spam_check where\s""" + MATCH + " order by created_at")
                .setParameter("site", siteId).setParameter("ids", ids).setParameter("email", blank(email))
                .getResultList();
        return rows.stream().map(row -> new CheckRecord((UUID) row[0], (UUID) row[1], (String) row[2],
                ((Number) row[3]).doubleValue(), (String) row[4], (String) row[5], (String) row[6], (String) row[7],
                row[8] instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) row[8])).toList();
    }

    public List<ReputationRecord> reputation(String siteId, List<String> authorKeys) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select author_key, ham, spam from author_reputation where site_id = ?1 and author_key = any(?2)""")
                .setParameter(1, siteId).setParameter(2, authorKeys.toArray(String[]::new)).getResultList();
        return rows.stream().map(row -> new ReputationRecord((String) row[0], ((Number) row[1]).intValue(),
                ((Number) row[2]).intValue())).toList();
    }

    /** The reputation keys a person has here: their email's, and the addresses their checks came from. */
    public List<String> reputationKeys(String email, List<CheckRecord> checks) {
        List<String> keys = new ArrayList<>();
        AuthorReputation.keyOf(email, null).ifPresent(keys::add);
        for (CheckRecord check : checks) {
            AuthorReputation.keyOf(null, check.clientIp()).filter(key -> !keys.contains(key)).ifPresent(keys::add);
        }
        return keys;
    }

    /**
     * Erases the person: their checks lose email, website and address (and, with {@code remove}, the text), their
     * reputation rows go, and their website leaves the training examples (the examples' text stays unless the
     * comments are removed: it is the site's filter's memory, not the person's identity).
     */
    public Map<String, Integer> erase(String siteId, UUID[] ids, String email, String address, boolean remove) {
        List<CheckRecord> checks = checks(siteId, ids, email);
        List<String> keys = reputationKeys(email, checks);
        AuthorReputation.keyOf(null, address).filter(key -> !keys.contains(key)).ifPresent(keys::add);
        String[] urls = checks.stream().map(CheckRecord::authorUrl).filter(url -> url != null).distinct().toArray(String[]::new);
        String[] texts = checks.stream().map(CheckRecord::content).filter(text -> text != null).distinct().toArray(String[]::new);
        int changed = entityManager.createNativeQuery("update spam_check set author_email = null, author_url = null, client_ip = null"
                        + (remove ? ", content = null" : "") + " where " + MATCH)
                .setParameter("site", siteId).setParameter("ids", ids).setParameter("email", blank(email)).executeUpdate();
        int reputations = entityManager.createNativeQuery("delete from author_reputation where site_id = ?1 and author_key = any(?2)")
                .setParameter(1, siteId).setParameter(2, keys.toArray(String[]::new)).executeUpdate();
        entityManager.createNativeQuery("update training_example set author_url = null where site_id = ?1 and author_url = any(?2)")
                .setParameter(1, siteId).setParameter(2, urls).executeUpdate();
        if (remove) {
            entityManager.createNativeQuery("update training_example set content = null where site_id = ?1 and content = any(?2)")
                    .setParameter(1, siteId).setParameter(2, texts).executeUpdate();
        }
        return Map.of("checks", changed, "reputations", reputations);
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }
}
