package org.talkback.publication.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.talkback.publication.model.ThreadView;

/**
 * The read side: what article pages load. Reads only the read model (thread and published_comment rows, written
 * by publication's own event handlers), with plain JDBC: a page is one statement, so its comments, its count and
 * its change number come from one snapshot, and nothing here needs an entity manager or a transaction.
 */
@ApplicationScoped
public class ThreadPageRepository {

    /**
     * A page as read: the thread, its comments, the reading-order position of the last one when more follow (null
     * on the last page), and the thread's change number it reflects (which the page cache keys its freshness on).
     */
    public record StoredPage(ThreadView.Thread thread, List<ThreadView.Comment> comments, String morePosition,
            long changeSeq) {
    }

    private static final String PAGE = """
            select t.title, t.state, t.published_count, t.change_seq,
                   c.comment_id, c.parent_id, c.author_name, c.author_url, c.body_html, c.created_at, c.edited_at,
                   c.thread_position
              from site s
              left join thread t on t.site_id = s.id and t.url = ?
              left join lateral (
                   select * from published_comment p
                    where p.site_id = s.id and p.thread_url = ? and p.thread_position > ?
                    order by p.thread_position
                    limit ?) c on true
             where s.id = ?
             order by c.thread_position
            """;

    /** A published comment with its thread, newest first, for the feeds. */
    public record Entry(UUID id, String authorName, String authorUrl, String bodyHtml, Instant createdAt,
            Instant editedAt, String threadUrl, String threadTitle) {

        public Instant updated() {
            return editedAt != null ? editedAt : createdAt;
        }
    }

    private final AgroalDataSource dataSource;

    public ThreadPageRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A page of published comments in reading order, or empty for an unknown site. An article nobody has
     * commented on yet is an empty open thread, not an error: every new article is one.
     */
    public Optional<StoredPage> page(String siteId, String url, int limit, Optional<String> after) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PAGE)) {
            statement.setString(1, url);
            statement.setString(2, url);
            statement.setString(3, after.orElse(""));
            statement.setInt(4, limit + 1);
            statement.setString(5, siteId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long changeSeq = rows.getLong(4);
                ThreadView.Thread thread = new ThreadView.Thread(url, rows.getString(1),
                        rows.getString(2) == null ? "open" : rows.getString(2), rows.getInt(3), changeSeq);
                List<ThreadView.Comment> comments = new ArrayList<>(limit);
                String lastPosition = null;
                boolean more = false;
                do {
                    if (rows.getObject(5) == null) {
                        break; // the thread has no (further) comments: the lateral join gave one empty row
                    }
                    if (comments.size() == limit) {
                        more = true;
                        break;
                    }
                    comments.add(new ThreadView.Comment(rows.getObject(5, UUID.class), rows.getObject(6, UUID.class),
                            new ThreadView.Author(rows.getString(7), rows.getString(8)), rows.getString(9),
                            SqlValues.instant(rows.getTimestamp(10)), SqlValues.instant(rows.getTimestamp(11))));
                    lastPosition = rows.getString(12);
                } while (rows.next());
                return Optional.of(new StoredPage(thread, comments, more ? lastPosition : null, changeSeq));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a thread page failed", e);
        }
    }

    /** The newest published comments of one thread ({@code threadUrl} given) or of the whole site. */
    public List<Entry> newest(String siteId, String threadUrl, int limit) {
        String sql = """
                select p.comment_id, p.author_name, p.author_url, p.body_html, p.created_at, p.edited_at,
                       p.thread_url, t.title
                  from published_comment p left join thread t on t.site_id = p.site_id and t.url = p.thread_url
                 where p.site_id = ? %s
                 order by p.created_at desc, p.comment_id desc limit ?
                """.formatted(threadUrl == null ? "" : "and p.thread_url = ?");
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            statement.setString(parameter++, siteId);
            if (threadUrl != null) {
                statement.setString(parameter++, threadUrl);
            }
            statement.setInt(parameter, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), SqlValues.instant(rows.getTimestamp(5)),
                            SqlValues.instant(rows.getTimestamp(6)), rows.getString(7), rows.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a feed failed", e);
        }
        return entries;
    }

    /** Published counts of the given canonical thread URLs; threads without comments are left out. */
    public Map<String, Integer> counts(String siteId, Collection<String> urls) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select url, published_count from thread where site_id = ? and url = any (?)")) {
            statement.setString(1, siteId);
            statement.setArray(2, connection.createArrayOf("varchar", urls.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading thread counts failed", e);
        }
        return counts;
    }

}
