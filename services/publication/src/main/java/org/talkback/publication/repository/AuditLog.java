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

    /** In the caller's transaction: the entry exists exactly when the change it describes does. */
    public void record(String siteId, UUID commentId, String threadUrl, String actor, String action, String from,
            String to, String reason) {
        entityManager.createNativeQuery("""
                insert into moderation_audit (site_id, comment_id, thread_url, actor, action, from_status, to_status, reason)
                values (?1, cast(?2 as uuid), ?3, ?4, ?5, ?6, ?7, ?8)
                """)
                .setParameter(1, siteId)
                .setParameter(2, commentId == null ? null : commentId.toString())
                .setParameter(3, threadUrl)
                .setParameter(4, actor)
                .setParameter(5, action)
                .setParameter(6, from)
                .setParameter(7, to)
                .setParameter(8, reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason)
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
