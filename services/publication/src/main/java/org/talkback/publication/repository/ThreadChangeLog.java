package org.talkback.publication.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.ThreadView;

/**
 * The thread_change log, as the read side follows it: every change to what a thread shows, numbered per thread in
 * commit order (ThreadRepository writes it). Plain JDBC: these reads run on the read side's own threads, outside
 * any transaction, many times a second.
 */
@ApplicationScoped
public class ThreadChangeLog {

    /** One logged change of some thread, as the page caches need it. */
    public record LoggedChange(long id, String siteId, String url, long seq) {
    }

    /**
     * One change of a followed thread, with the comment as it is shown now: null when it is no longer shown (or
     * the change was to the thread itself).
     */
    public record ThreadChange(long seq, String kind, UUID commentId, ThreadView.Comment shown) {
    }

    /** A thread's current change number and the oldest one the log still keeps (0 when it keeps none). */
    public record LoggedRange(long current, long oldestKept) {
    }

    private final AgroalDataSource dataSource;

    public ThreadChangeLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest entry's id, 0 for an empty log. */
    public long newestId() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select coalesce(max(id), 0) from thread_change");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Entries after an id, oldest first. */
    public List<LoggedChange> after(long id, int limit) throws SQLException {
        List<LoggedChange> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select id, site_id, thread_url, seq from thread_change where id > ? order by id limit ?")) {
            statement.setLong(1, id);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(new LoggedChange(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
        }
        return changes;
    }

    public LoggedRange range(String siteId, String url) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select t.change_seq, coalesce((select min(seq) from thread_change c
                                                         where c.site_id = t.site_id and c.thread_url = t.url), 0)
                          from thread t where t.site_id = ? and t.url = ?
                        """)) {
            statement.setString(1, siteId);
            statement.setString(2, url);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new LoggedRange(rows.getLong(1), rows.getLong(2)) : new LoggedRange(0, 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a thread's change log failed", e);
        }
    }

    /** One thread's changes after a number, oldest first, each with the comment as shown now. */
    public List<ThreadChange> changesAfter(String siteId, String url, long after, int limit) {
        List<ThreadChange> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select ch.seq, ch.kind, ch.comment_id, p.parent_id, p.author_name, p.author_url, p.body_html,
                               p.created_at, p.edited_at
                          from thread_change ch left join published_comment p on p.comment_id = ch.comment_id
                         where ch.site_id = ? and ch.thread_url = ? and ch.seq > ?
                         order by ch.seq limit ?
                        """)) {
            statement.setString(1, siteId);
            statement.setString(2, url);
            statement.setLong(3, after);
            statement.setInt(4, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID commentId = rows.getObject(3, UUID.class);
                    String authorName = rows.getString(5);
                    ThreadView.Comment shown = authorName == null ? null
                            : new ThreadView.Comment(commentId, rows.getObject(4, UUID.class),
                                    new ThreadView.Author(authorName, rows.getString(6)), rows.getString(7),
                                    SqlValues.instant(rows.getTimestamp(8)), SqlValues.instant(rows.getTimestamp(9)));
                    changes.add(new ThreadChange(rows.getLong(1), rows.getString(2), commentId, shown));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a thread's change log failed", e);
        }
        return changes;
    }

    /** Forgets entries older than the given age; returns how many. */
    public int forgetOlderThan(Duration age) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "delete from thread_change where changed_at < now() - make_interval(secs => ?)")) {
            statement.setLong(1, age.toSeconds());
            return statement.executeUpdate();
        }
    }
}
