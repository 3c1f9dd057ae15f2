package org.talkback.publication.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.talkback.platform.threads.ThreadUrls;
import org.talkback.publication.model.ArticleThread;
import org.talkback.publication.model.PublishedComment;
import org.talkback.publication.repository.PublishedCommentRepository;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.repository.ThreadRepository;
import org.talkback.publication.rest.ThreadView;

/** The read side: what article pages load. Reads only the read model and the thread row. */
@ApplicationScoped
public class ThreadReader {

    private final PublishedCommentRepository published;
    private final ThreadRepository threads;
    private final SiteRepository sites;

    public ThreadReader(PublishedCommentRepository published, ThreadRepository threads, SiteRepository sites) {
        this.published = published;
        this.threads = threads;
        this.sites = sites;
    }

    public boolean siteExists(String siteId) {
        return sites.findByIdOptional(siteId).isPresent();
    }

    /** An article nobody has commented on yet is an empty open thread, not an error: every new article is one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ThreadView page(String siteId, String rawUrl, int limit, Optional<Cursor> cursor) {
        String url = ThreadUrls.canonical(rawUrl).orElse(rawUrl);
        Optional<ArticleThread> thread = threads.find(siteId, url);
        List<PublishedComment> rows = published.page(siteId, url,
                cursor.map(Cursor::createdAt).orElse(null), cursor.map(Cursor::id).orElse(null), limit + 1);
        Cursor.Page<PublishedComment> page = Cursor.page(rows, limit, row -> new Cursor(row.createdAt, row.commentId));
        List<ThreadView.Comment> comments = page.rows().stream()
                .map(row -> new ThreadView.Comment(row.commentId, row.parentId,
                        new ThreadView.Author(row.authorName, row.authorUrl), row.bodyHtml, row.createdAt, row.editedAt))
                .toList();
        // The statements of a read are not one snapshot: a thread created and published between the lookup
        // above and these queries must still report the comments it shows, so the count never comes from the
        // (possibly missing) thread row.
        int count = threads.publishedCounts(siteId, List.of(url)).getOrDefault(url, 0);
        ThreadView.Thread header = thread
                .map(t -> new ThreadView.Thread(url, t.title, t.state, count))
                .orElseGet(() -> new ThreadView.Thread(url, null, "open", count));
        return new ThreadView(header, comments, page.nextCursor());
    }

    /** Counts keyed by the URL as the caller gave it, so an article list can look its links up directly. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Integer> counts(String siteId, List<String> rawUrls) {
        Map<String, List<String>> canonicalToGiven = new HashMap<>();
        for (String raw : rawUrls) {
            ThreadUrls.canonical(raw).ifPresent(canonical ->
                    canonicalToGiven.computeIfAbsent(canonical, c -> new java.util.ArrayList<>()).add(raw));
        }
        Map<String, Integer> byGiven = new HashMap<>();
        if (canonicalToGiven.isEmpty()) {
            return byGiven;
        }
        threads.publishedCounts(siteId, canonicalToGiven.keySet())
                .forEach((canonical, count) -> canonicalToGiven.get(canonical).forEach(given -> byGiven.put(given, count)));
        return byGiven;
    }
}
