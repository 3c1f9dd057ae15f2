package org.talkback.publication.service.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.talkback.publication.config.PublicationConfig;

/**
 * Thread pages as they go out (JSON bytes and their ETag), so that the page views of a busy article cost no
 * database work at all. A page is kept with the thread's change number it was read at; every change to a thread
 * reaches every instance by notification ({@link ThreadChanges}) and makes older pages of that thread unusable.
 *
 * <p>The one race: a page read just before a change but stored just after its notification. The notification
 * therefore leaves a marker with its change number, and a page read at an older number is not stored.
 */
@ApplicationScoped
public class ThreadPageCache {

    public record RenderedPage(byte[] json, String etag, long changeSeq) {

        public static RenderedPage of(byte[] json, long changeSeq) {
            return new RenderedPage(json, etagOf(json), changeSeq);
        }
    }

    private record ThreadKey(String siteId, String url) {
    }

    private record PageKey(int limit, String after) {
    }

    /** The cached pages of one thread, all read at the same change number. Replaced whole, never changed. */
    private record Pages(long changeSeq, Map<PageKey, RenderedPage> pages) {

        int weight() {
            return 256 + pages.values().stream().mapToInt(page -> page.json().length).sum();
        }
    }

    /** Most readers read the first page or two; a thread's deep pages are not worth the memory. */
    private static final int MAX_PAGES_PER_THREAD = 8;

    private final Cache<ThreadKey, Pages> threads;
    /** 0 bytes turns the cache off: every read goes to the database (to measure that path, or to rule the cache out). */
    private final boolean enabled;

    public ThreadPageCache(PublicationConfig config) {
        long maxBytes = config.read().pageCacheBytes();
        Duration ttl = config.read().pageCacheTtl();
        this.enabled = maxBytes > 0;
        // The time limit is a backstop only: changes invalidate by notification within milliseconds.
        this.threads = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((ThreadKey key, Pages pages) -> pages.weight())
                .expireAfterWrite(ttl)
                .build();
    }

    public RenderedPage get(String siteId, String url, int limit, String after) {
        if (!enabled) {
            return null;
        }
        Pages pages = threads.getIfPresent(new ThreadKey(siteId, url));
        return pages == null ? null : pages.pages().get(new PageKey(limit, after));
    }

    public void put(String siteId, String url, int limit, String after, RenderedPage page) {
        if (!enabled) {
            return;
        }
        PageKey pageKey = new PageKey(limit, after);
        threads.asMap().compute(new ThreadKey(siteId, url), (key, cached) -> {
            if (cached == null || cached.changeSeq() < page.changeSeq()) {
                return new Pages(page.changeSeq(), Map.of(pageKey, page));
            }
            if (cached.changeSeq() > page.changeSeq() || cached.pages().size() >= MAX_PAGES_PER_THREAD) {
                return cached; // read before a change this instance already knows about, or enough kept
            }
            Map<PageKey, RenderedPage> more = new HashMap<>(cached.pages());
            more.put(pageKey, page);
            return new Pages(cached.changeSeq(), Map.copyOf(more));
        });
    }

    /** A thread changed: its pages read before change {@code changeSeq} are dropped and can no longer be stored. */
    public void threadChanged(String siteId, String url, long changeSeq) {
        threads.asMap().compute(new ThreadKey(siteId, url), (key, cached) ->
                cached == null || cached.changeSeq() < changeSeq ? new Pages(changeSeq, Map.of()) : cached);
    }

    /** After notifications may have been missed (the listening connection was lost), nothing cached is trusted. */
    public void clear() {
        threads.invalidateAll();
    }

    /** A strong validator from the bytes themselves: every instance gives the same page the same ETag. */
    public static String etagOf(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 15)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether an If-None-Match header names this ETag (a list, weak forms and * included, as RFC 9110 says). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
