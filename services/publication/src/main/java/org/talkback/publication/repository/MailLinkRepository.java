package org.talkback.publication.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The one-click links in mails (table mail_link): what each may do, until when, and whether it was used. */
@ApplicationScoped
public class MailLinkRepository {

    /** A link's row; {@code usedAt} is set once a single-use link has done what it does. */
    public record Link(UUID id, String purpose, String siteId, UUID commentId, String action, String username,
            String email, Instant expiresAt, Instant usedAt) {
    }

    private final EntityManager entityManager;

    public MailLinkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void add(Link link) {
        entityManager.createNativeQuery("""
                insert into mail_link (id, purpose, site_id, comment_id, action, username, email, expires_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, link.id()).setParameter(2, link.purpose()).setParameter(3, link.siteId())
                .setParameter(4, link.commentId()).setParameter(5, link.action()).setParameter(6, link.username())
                .setParameter(7, link.email()).setParameter(8, link.expiresAt()).executeUpdate();
    }

    /** The link, locked when {@code forUpdate} (using it and a second click then queue rather than both act). */
    @SuppressWarnings("unchecked")
    public Optional<Link> find(UUID id, boolean forUpdate) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, purpose, site_id, comment_id, action, username, email, expires_at, used_at from mail_link
                 where id = ?1""" + (forUpdate ? " for update" : "")).setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(row -> new Link((UUID) row[0], (String) row[1], (String) row[2],
                (UUID) row[3], (String) row[4], (String) row[5], (String) row[6], SqlValues.instant(row[7]),
                SqlValues.instant(row[8])));
    }

    public void markUsed(UUID id) {
        entityManager.createNativeQuery("update mail_link set used_at = now() where id = ?1 and used_at is null")
                .setParameter(1, id).executeUpdate();
    }

    /** Links that expired a while ago: nothing will ever ask for them but someone told "this link has expired". */
    public int deleteExpiredBefore(Instant before) {
        return entityManager.createNativeQuery("delete from mail_link where expires_at < ?1").setParameter(1, before)
                .executeUpdate();
    }
}
