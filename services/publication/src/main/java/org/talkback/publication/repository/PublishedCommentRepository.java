package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.PublishedComment;

@ApplicationScoped
public class PublishedCommentRepository implements PanacheRepositoryBase<PublishedComment, UUID> {

    /** One page of a thread, oldest first, after the (createdAt, id) cursor if one is given. */
    public List<PublishedComment> page(String siteId, String threadUrl, Instant afterCreated, UUID afterId, int limit) {
        if (afterCreated != null) {
            return find("siteId = ?1 and threadUrl = ?2 and (createdAt > ?3 or (createdAt = ?3 and commentId > ?4)) "
                    + "order by createdAt, commentId", siteId, threadUrl, afterCreated, afterId).page(0, limit).list();
        }
        return find("siteId = ?1 and threadUrl = ?2 order by createdAt, commentId", siteId, threadUrl)
                .page(0, limit).list();
    }
}
