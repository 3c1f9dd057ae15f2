package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.talkback.publication.model.ModeratedComment;

@ApplicationScoped
public class ModeratedCommentRepository implements PanacheRepositoryBase<ModeratedComment, UUID> {

    /**
     * The comment's row, created empty if neither of its two events has arrived yet, and locked: the text and
     * the verdict may be applied at the same moment by two deliveries, and exactly one of them must decide.
     */
    public ModeratedComment lockOrCreate(UUID id, String siteId) {
        getEntityManager().createNativeQuery(
                "insert into comment (id, site_id) values (?1, ?2) on conflict (id) do nothing")
                .setParameter(1, id).setParameter(2, siteId).executeUpdate();
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public long countByAuthor(String siteId, String email, String status) {
        if (email == null) {
            return 0;
        }
        return count("siteId = ?1 and lower(authorEmail) = lower(?2) and status = ?3", siteId, email, status);
    }

    /** Oldest first; the cursor is the (createdAt, id) of the last item of the previous page. */
    public List<ModeratedComment> queue(String siteId, String status, Optional<Instant> afterCreated,
            Optional<UUID> afterId, int limit) {
        if (afterCreated.isPresent() && afterId.isPresent()) {
            return find("siteId = ?1 and status = ?2 and (createdAt > ?3 or (createdAt = ?3 and id > ?4)) "
                    + "order by createdAt, id", siteId, status, afterCreated.get(), afterId.get())
                    .page(0, limit).list();
        }
        return find("siteId = ?1 and status = ?2 order by createdAt, id", siteId, status).page(0, limit).list();
    }
}
