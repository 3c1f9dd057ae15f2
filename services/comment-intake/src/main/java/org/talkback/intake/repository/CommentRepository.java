package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.talkback.intake.model.Comment;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, UUID> {

    /**
     * Whether the author already posted this text (by its hash) in the thread; the author is their email, or without
     * one their name at their address.
     */
    public boolean sameTextByAuthor(UUID threadId, String bodyHash, String name, String email, String address) {
        return !getEntityManager().createNativeQuery("""
                select 1 from comment
                where thread_id = ?1 and body_hash = ?2 and retracted_at is null
                  and (author_email = ?3 or (author_email is null and client_ip = ?4 and author_name = ?5))
                limit 1""")
                .setParameter(1, threadId).setParameter(2, bodyHash).setParameter(3, email == null ? "" : email)
                .setParameter(4, address == null ? "" : address).setParameter(5, name)
                .getResultList().isEmpty();
    }

    /** When the author last posted on the site, or null. */
    public Instant latestByAuthor(String siteId, String name, String email, String address) {
        String sql = email != null
                ? "select max(created_at) from comment where site_id = ?1 and author_email = ?2"
                : "select max(created_at) from comment where site_id = ?1 and client_ip = ?2 and author_name = ?3";
        // Without a result class: see the platform's Inbox.recordReceived (Hibernate's plan cache).
        var query = getEntityManager().createNativeQuery(sql).setParameter(1, siteId)
                .setParameter(2, email != null ? email : address == null ? "" : address);
        if (email == null) {
            query.setParameter(3, name);
        }
        Object latest = query.getSingleResult();
        return latest instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
                : latest instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) latest;
    }

    /**
     * Publication's decisions for many comments in one statement; a retraction is final here, whatever
     * publication was deciding meanwhile. Returns how many comments changed.
     */
    public int applyStatuses(UUID[] commentIds, String[] statuses) {
        return getEntityManager().createNativeQuery("""
                update comment c set status = decided.status
                  from unnest(cast(?1 as uuid[]), cast(?2 as text[])) as decided (id, status)
                 where c.id = decided.id and c.retracted_at is null and c.status is distinct from decided.status
                """).setParameter(1, commentIds).setParameter(2, statuses).executeUpdate();
    }

    /**
     * Imported comments (a JSON array of CommentsImportedConsumer.Imported), their threads created as needed, in
     * two statements whatever the batch's size. Parents come before their replies in the array, and a statement
     * checks its foreign keys at its end, so a reply may come in the same batch as its parent. Comments already
     * here (a batch delivered again) are left alone; the edit token hash is one no token can have, since nobody
     * was ever given a token for an imported comment.
     */
    public void importAll(String siteId, String commentsJson) {
        getEntityManager().createNativeQuery("""
                insert into thread (id, site_id, url, title)
                select gen_random_uuid(), ?1, c."threadUrl", max(c."threadTitle")
                  from jsonb_to_recordset(cast(?2 as jsonb)) as c ("threadUrl" text, "threadTitle" text)
                 group by c."threadUrl"
                on conflict (site_id, url) do update set title = coalesce(thread.title, excluded.title)
                """)
                .setParameter(1, siteId).setParameter(2, commentsJson).executeUpdate();
        getEntityManager().createNativeQuery("""
                insert into comment (id, thread_id, site_id, parent_id, depth, thread_position, author_name,
                                     author_email, author_url, body, body_hash, status, edit_token_hash, client_ip,
                                     created_at, editable_until, revision)
                select c.id, t.id, ?1, c."parentId", c.depth, c."threadPosition", c."authorName", c."authorEmail",
                       c."authorUrl", c.body, encode(sha256(convert_to(c.body, 'UTF8')), 'hex'), c.status, 'imported',
                       c."clientIp", c."createdAt", c."createdAt", 1
                  from jsonb_to_recordset(cast(?2 as jsonb)) as c (id uuid, "threadUrl" text, "parentId" uuid,
                       depth int, "threadPosition" text, "authorName" text, "authorEmail" text, "authorUrl" text,
                       body text, status text, "clientIp" text, "createdAt" timestamptz)
                  join thread t on t.site_id = ?1 and t.url = c."threadUrl"
                on conflict (id) do nothing
                """).setParameter(1, siteId).setParameter(2, commentsJson).executeUpdate();
    }
}
