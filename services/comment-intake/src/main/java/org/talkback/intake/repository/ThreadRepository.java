package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.intake.model.CommentThread;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<CommentThread, UUID> {

    /**
     * The thread for an article, created if this is its first comment. Two first comments racing for one URL
     * both end up in the same thread: the unique key decides, and the loser reads the winner's row.
     */
    public CommentThread findOrCreate(String siteId, String url, String title) {
        getEntityManager().createNativeQuery("""
                insert into thread (id, site_id, url, title) values (?1, ?2, ?3, ?4)
                on conflict (site_id, url) do nothing
                """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, siteId)
                .setParameter(3, url)
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.STRING, title))
                .executeUpdate();
        return find("siteId = ?1 and url = ?2", siteId, url).singleResult();
    }
}
