package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.intake.model.CommentThread;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<CommentThread, UUID> {

    /**
     * The thread for an article, created if this is its first comment, in one round trip for the common cases
     * (the thread exists; or it does not and this request creates it). Two first comments racing for one URL both
     * end up in the same thread: the unique key decides, the loser's insert does nothing and, since its statement
     * cannot see the winner's row yet, it reads the row again once the winner has committed.
     */
    public CommentThread findOrCreate(String siteId, String url, String title) {
        List<?> found = getEntityManager().createNativeQuery("""
                with existing as (select * from thread where site_id = ?2 and url = ?3),
                inserted as (
                    insert into thread (id, site_id, url, title)
                    select ?1, ?2, ?3, ?4 where not exists (select 1 from existing)
                    on conflict (site_id, url) do nothing
                    returning *)
                select * from existing union all select * from inserted
                """, CommentThread.class)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, siteId)
                .setParameter(3, url)
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.STRING, title))
                .getResultList();
        if (!found.isEmpty()) {
            return (CommentThread) found.get(0);
        }
        return find("siteId = ?1 and url = ?2", siteId, url).singleResult();
    }
}
