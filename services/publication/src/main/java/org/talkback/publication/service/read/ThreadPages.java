package org.talkback.publication.service.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.talkback.publication.model.ThreadView;
import org.talkback.publication.repository.ThreadPageRepository;
import org.talkback.publication.service.read.ThreadPageCache.RenderedPage;
import org.talkback.publication.service.sites.SiteDirectory;

/**
 * Thread pages as they go out: from the page cache when it has them, otherwise read, rendered to JSON once and
 * cached. Reads of the same page that miss together share one load: when a new comment empties a busy thread's
 * pages, the readers waiting for it cause one query, not one each.
 */
@ApplicationScoped
public class ThreadPages {

    private record Wanted(String siteId, String url, int limit, String after) {
    }

    private final ThreadPageRepository repository;
    private final ThreadPageCache cache;
    private final ObjectMapper json;
    private final Map<Wanted, CompletableFuture<RenderedPage>> loading = new ConcurrentHashMap<>();

    public ThreadPages(ThreadPageRepository repository, ThreadPageCache cache, ObjectMapper json) {
        this.repository = repository;
        this.cache = cache;
        this.json = json;
    }

    /** The page if this instance has it at hand; no database, safe on the I/O thread. */
    public RenderedPage cached(String siteId, String url, int limit, Optional<String> after) {
        return cache.get(siteId, url, limit, after.orElse(""));
    }

    /** Reads the page on a worker thread, joining a load of the same page already under way. */
    public CompletableFuture<RenderedPage> load(String siteId, String url, int limit, Optional<String> after) {
        Wanted wanted = new Wanted(siteId, url, limit, after.orElse(""));
        CompletableFuture<RenderedPage> mine = new CompletableFuture<>();
        CompletableFuture<RenderedPage> underWay = loading.putIfAbsent(wanted, mine);
        if (underWay != null) {
            return underWay;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                mine.complete(read(wanted, after));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                loading.remove(wanted, mine);
            }
        });
        return mine;
    }

    /** Published counts of the given canonical thread URLs; threads without comments are left out. */
    public Map<String, Integer> counts(String siteId, java.util.Collection<String> urls) {
        return repository.counts(siteId, urls);
    }

    private RenderedPage read(Wanted wanted, Optional<String> after) {
        ThreadPageRepository.StoredPage page = repository.page(wanted.siteId(), wanted.url(), wanted.limit(), after)
                .orElseThrow(() -> SiteDirectory.unknown(wanted.siteId()));
        String nextCursor = page.morePosition() == null ? null : ThreadCursor.encode(page.morePosition());
        RenderedPage rendered;
        try {
            rendered = RenderedPage.of(json.writeValueAsBytes(new ThreadView(page.thread(), page.comments(), nextCursor)),
                    page.changeSeq());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cache.put(wanted.siteId(), wanted.url(), wanted.limit(), wanted.after(), rendered);
        return rendered;
    }
}
