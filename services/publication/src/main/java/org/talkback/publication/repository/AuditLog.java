package org.talkback.publication.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.AuditEntry;

/** The append-only record of every status change (table moderation_audit). */
@ApplicationScoped
public class AuditLog {
    /** Who acts when no person does. */
    public static final String POLICY = "policy";
    public static final String AUTHOR = "author";
    public static final String READERS = "readers";

    private final EntityManager entityManager;

    public AuditLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One status change, as the audit records it. */
    public record Entry(String siteId, UUID commentId, String threadUrl, String actor, String action, String from,
            String to, String reason) {
    }

    /** In the caller's transaction: the entry exists exactly when the change it describes does. */
    public void record(String siteId, UUID commentId, String threadUrl, String actor, String action, String from,
            String to, String reason) {
        recordAll(List.of(new Entry(siteId, commentId, threadUrl, actor, action, from, to, reason)));
    }

    /** Many entries in one statement, in the order given (their ids keep it). */
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into moderation_audit (site_id, comment_id, thread_url, actor, action, from_status, to_status, reason)
                select site_id, comment_id, thread_url, actor, action, from_status, to_status, reason
                  from unnest(cast(?1 as text[]), cast(?2 as uuid[]), cast(?3 as text[]), cast(?4 as text[]),
                              cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]))
                       with ordinality as e (site_id, comment_id, thread_url, actor, action, from_status, to_status,
                                             reason, n)
                 order by n
                """)
                .setParameter(1, entries.stream().map(Entry::siteId).toArray(String[]::new))
                .setParameter(2, entries.stream().map(Entry::commentId).toArray(UUID[]::new))
                .setParameter(3, entries.stream().map(Entry::threadUrl).toArray(String[]::new))
                .setParameter(4, entries.stream().map(Entry::actor).toArray(String[]::new))
                .setParameter(5, entries.stream().map(Entry::action).toArray(String[]::new))
                .setParameter(6, entries.stream().map(Entry::from).toArray(String[]::new))
                .setParameter(7, entries.stream().map(Entry::to).toArray(String[]::new))
                .setParameter(8, entries.stream().map(entry -> entry.reason() == null || entry.reason().length() <= 500
                        ? entry.reason() : entry.reason().substring(0, 500)).toArray(String[]::new))
                .executeUpdate();
    }

    /**
     * A comment's history oldest first, or a site's newest first (what a moderator checks after a shift); both
     * page with the entry id as cursor.
     */
    public List<AuditEntry> entries(String siteId, UUID commentId, Long cursor, int limit) {
        String columns = "select id, comment_id, thread_url, actor, action, from_status, to_status, reason, at";
        jakarta.persistence.Query query = commentId != null
                ? entityManager.createNativeQuery(columns + " from moderation_audit"
                        + " where site_id = :site and comment_id = cast(:comment as uuid) and id > :cursor order by id limit :limit")
                        .setParameter("comment", commentId.toString()).setParameter("cursor", cursor == null ? 0L : cursor)
                : entityManager.createNativeQuery(columns + " from moderation_audit"
                        + " where site_id = :site and id < :cursor order by id desc limit :limit")
                        .setParameter("cursor", cursor == null ? Long.MAX_VALUE : cursor);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setParameter("site", siteId).setParameter("limit", limit).getResultList();
        return rows.stream().map(row -> new AuditEntry(((Number) row[0]).longValue(), (UUID) row[1],
                (String) row[2], (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7],
                SqlValues.instant(row[8]))).toList();
    }

}
