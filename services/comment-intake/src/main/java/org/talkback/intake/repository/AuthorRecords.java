package org.talkback.intake.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What intake keeps about one person, for a reader's data request and its erasure: their comments (found by the
 * ids publication knows, or by email, or by name and address for authors who gave no email) and, for an author
 * known only by name and address, the reports made from that address.
 */
@ApplicationScoped
public class AuthorRecords {
    private static final String MATCH = """
            site_id = :site and (id = any(cast(:ids as uuid[])) or lower(author_email) = lower(:email)
                 or (:email = '' and author_email is null and author_name = :name and client_ip = :address))""";

    private final EntityManager entityManager;

    public AuthorRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record CommentRecord(UUID id, String threadUrl, UUID parentId, String authorName, String authorEmail,
            String authorUrl, String clientIp, String userAgent, String referrer, Instant createdAt, Instant editedAt,
            String status, String body) {
    }

    public record FlagRecord(UUID id, UUID commentId, String reason, String note, String clientIp, Instant createdAt) {
    }

    public List<CommentRecord> comments(String siteId, UUID[] ids, String email, String name, String address) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select c.id, t.url, c.parent_id, c.author_name, c.author_email, c.author_url, c.client_ip, c.user_agent,
                       c.referrer, c.created_at, c.edited_at, c.status, c.body
                  from comment c join thread t on t.id = c.thread_id
                 where c.id in (select id from comment where\s""" + MATCH + ") order by c.created_at")
                .setParameter("site", siteId).setParameter("ids", ids).setParameter("email", blank(email))
                .setParameter("name", blank(name)).setParameter("address", blank(address)).getResultList();
        return rows.stream().map(row -> new CommentRecord((UUID) row[0], (String) row[1], (UUID) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], instant(row[9]),
                instant(row[10]), (String) row[11], (String) row[12])).toList();
    }

    /** Reports made from the address of an author who gave no email (with an email, no report can be tied to them). */
    public List<FlagRecord> flags(String siteId, String email, String address) {
        if (!blank(email).isEmpty() || blank(address).isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select f.id, f.comment_id, f.reason, f.note, f.client_ip, f.created_at
                  from comment_flag f join comment c on c.id = f.comment_id
                 where c.site_id = ?1 and f.client_ip = ?2 order by f.created_at""")
                .setParameter(1, siteId).setParameter(2, address).getResultList();
        return rows.stream().map(row -> new FlagRecord((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                (String) row[4], instant(row[5]))).toList();
    }

    /**
     * Erases the person from their comments: the name becomes the placeholder; email, website, address, browser and
     * referrer go; with {@code remove} the text goes too and the comment counts as retracted. Their reports lose
     * their address and note. Returns the comments changed.
     */
    public int erase(String siteId, UUID[] ids, String email, String name, String address, boolean remove,
            String placeholder) {
        int changed = entityManager.createNativeQuery("""
                update comment set author_name = :placeholder, author_email = null, author_url = null,
                       client_ip = null, user_agent = null, referrer = null""" + (remove ? """
                       , body = '', body_hash = null, status = 'retracted', retracted_at = coalesce(retracted_at, now())
                       """ : "") + " where " + MATCH)
                .setParameter("placeholder", placeholder).setParameter("site", siteId).setParameter("ids", ids)
                .setParameter("email", blank(email)).setParameter("name", blank(name))
                .setParameter("address", blank(address)).executeUpdate();
        if (blank(email).isEmpty() && !blank(address).isEmpty()) {
            entityManager.createNativeQuery("""
                    update comment_flag f set client_ip = '', note = null
                      from comment c where c.id = f.comment_id and c.site_id = ?1 and f.client_ip = ?2""")
                    .setParameter(1, siteId).setParameter(2, address).executeUpdate();
        }
        return changed;
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
