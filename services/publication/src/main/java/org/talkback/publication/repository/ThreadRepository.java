package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.publication.model.ArticleThread;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<ArticleThread, ArticleThread.Key> {

    /**
     * Makes sure the thread exists; the first comment that brings a title names it. The WHERE keeps a busy
     * thread's row from being rewritten (and locked for writing) by every comment.
     */
    public void ensure(String siteId, String url, String title) {
        getEntityManager().createNativeQuery("""
                insert into thread (site_id, url, title) values (?1, ?2, ?3)
                on conflict (site_id, url) do update set title = excluded.title
                    where thread.title is null and excluded.title is not null
                """)
                .setParameter(1, siteId)
                .setParameter(2, url)
                .setParameter(3, new TypedParameterValue<>(StandardBasicTypes.STRING, title))
                .executeUpdate();
    }

    public Optional<ArticleThread> find(String siteId, String url) {
        return findByIdOptional(new ArticleThread.Key(siteId, url));
    }

    /** Adds to the published count in SQL, so concurrent publications in one thread do not lose updates. */
    public void addToPublishedCount(String siteId, String url, int delta) {
        getEntityManager().createNativeQuery(
                "update thread set published_count = published_count + ?1 where site_id = ?2 and url = ?3")
                .setParameter(1, delta).setParameter(2, siteId).setParameter(3, url)
                .executeUpdate();
    }

    public Map<String, Integer> publishedCounts(String siteId, Collection<String> urls) {
        Map<String, Integer> counts = new HashMap<>();
        List<ArticleThread> threads = list("key.siteId = ?1 and key.url in ?2", siteId, urls);
        for (ArticleThread thread : threads) {
            counts.put(thread.key.url(), thread.publishedCount);
        }
        return counts;
    }
}
