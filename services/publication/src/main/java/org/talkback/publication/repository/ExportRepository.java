package org.talkback.publication.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;
import org.talkback.publication.service.imports.ExportedComment;

/**
 * Every comment of a site, read through a server-side cursor (a fetch size inside a transaction), so an export of
 * any size holds one fetch of rows in memory. Threads in URL order, each in reading order, so that every parent
 * comes before its replies.
 */
@ApplicationScoped
public class ExportRepository {
    private static final int FETCH = 500;

    private final AgroalDataSource dataSource;

    public ExportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Receives one exported comment at a time. */
    public interface Rows {
        void accept(ExportedComment comment) throws java.io.IOException;
    }

    public void forEachComment(String siteId, Rows rows) throws SQLException, java.io.IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement("""
                    select c.thread_url, t.title, c.id, c.parent_id, c.author_name, c.author_email, c.author_url,
                           c.client_ip, c.created_at, c.status, c.body, c.verdict, c.score
                      from comment c left join thread t on t.site_id = c.site_id and t.url = c.thread_url
                     where c.site_id = ? and c.body is not null
                     order by c.thread_url collate "C", c.thread_position collate "C"
                    """)) {
                statement.setFetchSize(FETCH);
                statement.setString(1, siteId);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        rows.accept(comment(row));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static ExportedComment comment(ResultSet row) throws SQLException {
        Timestamp created = row.getTimestamp(9);
        Object score = row.getObject(13);
        String name = row.getString(5);
        String email = row.getString(6);
        String url = row.getString(7);
        return new ExportedComment(row.getString(1), row.getString(2), row.getObject(3, UUID.class),
                row.getObject(4, UUID.class),
                new ExportedComment.Author(name, email, url),
                row.getString(8), created == null ? null : created.toInstant(), row.getString(10), row.getString(11),
                row.getString(12), score == null ? null : ((Number) score).doubleValue());
    }
}
