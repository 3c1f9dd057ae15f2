package org.talkback.local.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.talkback.local.Database;

/**
 * What each SQL statement cost PostgreSQL during a benchmark (pg_stat_statements; the embedded server loads it
 * with -Dtalkback.pg.statements=true): where a comment's database time goes, statement by statement.
 */
final class Statements {
    private Statements() {
    }

    static void reset(Database database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.urlOf("postgres"), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most time, with their calls and time per comment. */
    static String top(Database database, int comments, int limit) throws SQLException {
        StringBuilder out = new StringBuilder("  statements by total time (ms per comment, calls per comment, mean ms):\n");
        try (Connection connection = DriverManager.getConnection(database.urlOf("postgres"), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select d.datname, s.total_exec_time, s.calls, s.mean_exec_time,
                               regexp_replace(s.query, '\\s+', ' ', 'g')
                          from pg_stat_statements s join pg_database d on d.oid = s.dbid
                         order by s.total_exec_time desc limit""" + " " + limit)) {
            double all = 0;
            while (rows.next()) {
                all += rows.getDouble(2);
                String query = rows.getString(5);
                out.append(String.format(Locale.ROOT, "  %6.3f %6.2f %7.3f  %-20s %s%n", rows.getDouble(2) / comments,
                        rows.getDouble(3) / comments, rows.getDouble(4), rows.getString(1),
                        query.length() > 150 ? query.substring(0, 150) : query));
            }
            out.append(String.format(Locale.ROOT, "  (these %d: %.2f ms of execution per comment)%n", limit, all / comments));
        }
        return out.toString();
    }
}
