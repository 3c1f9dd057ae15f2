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
        var query = getEntityManager().createNativeQuery(sql, Instant.class).setParameter(1, siteId)
                .setParameter(2, email != null ? email : address == null ? "" : address);
        if (email == null) {
            query.setParameter(3, name);
        }
        return (Instant) query.getSingleResult();
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
}
