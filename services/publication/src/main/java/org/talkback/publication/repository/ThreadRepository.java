package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.talkback.publication.model.ArticleThread;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<ArticleThread, ArticleThread.Key> {

    /**
     * Makes sure the thread exists; the first comment that brings a title names it. Neither statement touches an
     * existing thread's row unless its title is missing, so a busy thread is not a lock every comment waits on.
     */
    public void ensure(String siteId, String url, String title) {
        getEntityManager().createNativeQuery(
                "insert into thread (site_id, url) values (?1, ?2) on conflict (site_id, url) do nothing")
                .setParameter(1, siteId)
                .setParameter(2, url)
                .executeUpdate();
        if (title != null) {
            getEntityManager().createNativeQuery(
                    "update thread set title = ?3 where site_id = ?1 and url = ?2 and title is null")
                    .setParameter(1, siteId)
                    .setParameter(2, url)
                    .setParameter(3, title)
                    .executeUpdate();
        }
    }

    public Optional<ArticleThread> find(String siteId, String url) {
        return findByIdOptional(new ArticleThread.Key(siteId, url));
    }

    /** Published comments per thread, counted from the read model's index. */
    public Map<String, Integer> publishedCounts(String siteId, Collection<String> urls) {
        Map<String, Integer> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select thread_url, count(*) from published_comment
                 where site_id = ?1 and thread_url = any(cast(?2 as varchar[]))
                 group by thread_url
                """)
                .setParameter(1, siteId)
                .setParameter(2, urls.toArray(String[]::new))
                .getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).intValue());
        }
        return counts;
    }
}
