package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.model.ReaderFlag;

@ApplicationScoped
public class ModeratedCommentRepository implements PanacheRepositoryBase<ModeratedComment, UUID> {

    /**
     * The comment's row, created empty if neither of its two events has arrived yet, and locked: the text and
     * the verdict may be applied at the same moment by two deliveries, and exactly one of them must decide.
     */
    public ModeratedComment lockOrCreate(UUID id, String siteId) {
        return lockOrCreateAll(Map.of(id, siteId)).get(id);
    }

    /**
     * The same for a whole delivery, in two statements. Rows are created and locked in id order: two deliveries
     * locking the same comments (texts from intake, verdicts from spam-check) then queue instead of deadlocking.
     */
    public Map<UUID, ModeratedComment> lockOrCreateAll(Map<UUID, String> siteByComment) {
        List<UUID> ids = siteByComment.keySet().stream().sorted().toList();
        String[] sites = ids.stream().map(siteByComment::get).toArray(String[]::new);
        getEntityManager().createNativeQuery("""
                insert into comment (id, site_id)
                select id, site_id from unnest(cast(?1 as uuid[]), cast(?2 as text[])) as given (id, site_id) order by id
                on conflict (id) do nothing
                """).setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, sites).executeUpdate();
        Map<UUID, ModeratedComment> locked = new HashMap<>();
        find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(comment -> locked.put(comment.id, comment));
        return locked;
    }

    public long countByAuthor(String siteId, String email, CommentStatus status) {
        if (email == null) {
            return 0;
        }
        return count("siteId = ?1 and lower(authorEmail) = lower(?2) and status = ?3", siteId, email, status);
    }

    /** Oldest first, optionally of one thread; the cursor is the (createdAt, id) of the previous page's last item. */
    public List<ModeratedComment> queue(String siteId, CommentStatus status, Optional<String> threadUrl,
            Optional<Instant> afterCreated, Optional<UUID> afterId, int limit) {
        StringBuilder query = new StringBuilder("siteId = :site and status = :status");
        Parameters parameters = Parameters.with("site", siteId).and("status", status);
        threadUrl.ifPresent(url -> {
            query.append(" and threadUrl = :thread");
            parameters.and("thread", url);
        });
        if (afterCreated.isPresent() && afterId.isPresent()) {
            query.append(" and (createdAt > :created or (createdAt = :created and id > :id))");
            parameters.and("created", afterCreated.get()).and("id", afterId.get());
        }
        return find(query.append(" order by createdAt, id").toString(), parameters).page(0, limit).list();
    }

    /** Comments still waiting for their first verdict since before {@code before}, at most {@code limit}. */
    public List<UUID> waitingForVerdictSince(Instant before, int limit) {
        return getEntityManager().createQuery("""
                select c.id from ModeratedComment c
                 where c.status = :pending and c.verdictRevision = 0 and c.body is not null and c.createdAt < :before
                """, UUID.class).setParameter("pending", CommentStatus.PENDING).setParameter("before", before).setMaxResults(limit).getResultList();
    }

    /** Discarded spam decided before the given age; its audit entries stay. */
    public int forgetDiscardedOlderThan(java.time.Duration age) {
        return getEntityManager().createNativeQuery(
                "delete from comment where status = 'discarded' and decided_at < now() - make_interval(secs => ?1)")
                .setParameter(1, age.toSeconds()).executeUpdate();
    }

    /** Readers' reports on a comment, oldest first. */
    public List<ReaderFlag> flags(UUID commentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                "select reason, flagged_at from reader_flag where comment_id = ?1 order by flagged_at")
                .setParameter(1, commentId).getResultList();
        return rows.stream().map(row -> new ReaderFlag((String) row[0],
                row[1] instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) row[1])).toList();
    }

    /** Stores a reader's report once, however often its event is delivered. */
    public void recordFlag(UUID flagId, UUID commentId, String reason, Instant flaggedAt) {
        getEntityManager().createNativeQuery("""
                insert into reader_flag (flag_id, comment_id, reason, flagged_at) values (?1, ?2, ?3, ?4)
                on conflict (flag_id) do nothing
                """).setParameter(1, flagId).setParameter(2, commentId).setParameter(3, reason)
                .setParameter(4, flaggedAt).executeUpdate();
    }

    /**
     * Imported comments (a JSON array of ImportedComment), inserted as decided: text, verdict and status in one
     * statement for the whole batch. Comments already here are left as they are. Returns the ids that were new.
     */
    public List<UUID> insertImported(String siteId, String commentsJson, String reasonsJson) {
        @SuppressWarnings("unchecked")
        List<UUID> added = getEntityManager().createNativeQuery("""
                insert into comment (id, site_id, thread_url, parent_id, thread_position, author_name, author_email,
                                     author_url, body, client_ip, created_at, status, verdict, reasons, revision,
                                     verdict_revision, decided_at)
                select c.id, ?1, c."threadUrl", c."parentId", c."threadPosition", c."authorName", c."authorEmail",
                       c."authorUrl", c.body, c."clientIp", c."createdAt", c.status,
                       case c.status when 'spam' then 'spam' when 'published' then 'ham' when 'flagged' then 'ham'
                                     else 'unsure' end,
                       cast(?3 as jsonb), 1, 1, now()
                  from jsonb_to_recordset(cast(?2 as jsonb)) as c (id uuid, "threadUrl" text, "parentId" uuid,
                       "threadPosition" text, "authorName" text, "authorEmail" text, "authorUrl" text, body text,
                       "clientIp" text, "createdAt" timestamptz, status text)
                on conflict (id) do nothing
                returning id
                """).setParameter(1, siteId).setParameter(2, commentsJson).setParameter(3, reasonsJson).getResultList();
        return added;
    }
}
