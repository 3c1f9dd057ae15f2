package org.talkback.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the stack runs on: an embedded server by default (nothing to install), or an existing one when a
 * JDBC base URL is given. Each service gets its own database, so no service can read another's tables.
 */
public final class Database implements AutoCloseable {
    private volatile EmbeddedPostgres embedded;
    private final Path dataDirectory;
    private final String baseUrl;
    private final String user;
    private final String password;

    private Database(EmbeddedPostgres embedded, Path dataDirectory, String baseUrl, String user, String password) {
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    /** An embedded server keeping its data in dataDirectory across runs; port 0 picks a free one. */
    public static Database embedded(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres server = startEmbedded(dataDirectory, port == 0 ? freePort() : port);
        return new Database(server, dataDirectory, "jdbc:postgresql://localhost:" + server.getPort() + "/", "postgres", "");
    }

    private static EmbeddedPostgres startEmbedded(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean("talkback.pg.statements")) {
            // For profiling (-Dtalkback.pg.statements=true): what each statement costs, in pg_stat_statements.
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                // Commit times of rows (pg_xact_commit_timestamp) are how the pipeline benchmark tells a slow
                // transaction from a slow hand-over; the cost is a few bytes per transaction.
                .setServerConfig("track_commit_timestamp", "on")
                // The embedded server's library turns fsync, full_page_writes and synchronous_commit off by default
                // (right for throwaway test databases): a machine crash could then lose acknowledged comments or
                // corrupt the data directory, and a 202 must mean the comment is kept. Benchmarks run with these.
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    /**
     * Whether the embedded server's postmaster is alive (its pid from postmaster.pid); an external server is not
     * this launcher's to watch, and counts as running.
     */
    public boolean isRunning() {
        if (embedded == null) {
            return true;
        }
        return postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The embedded server's postmaster process id, while it has one. */
    public java.util.Optional<Long> postmasterPid() {
        try {
            java.util.List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Starts the embedded server again on the same port and data, after it died. Its surviving backends leave with
     * their postmaster within seconds; until they have, a new postmaster refuses the shared memory they hold, so
     * this tries again for up to two minutes.
     */
    public void restart() throws IOException, InterruptedException {
        if (embedded == null) {
            return;
        }
        int port = embedded.getPort();
        try {
            embedded.close();
        } catch (IOException | RuntimeException alreadyDead) {
            // pg_ctl stop finds no server: what we expected
        }
        IOException last = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                embedded = startEmbedded(dataDirectory, port);
                return;
            } catch (IOException | RuntimeException e) {
                last = e instanceof IOException io ? io : new IOException(e);
                Thread.sleep(1000);
            }
        }
        throw last;
    }

    /** An existing server, for example jdbc:postgresql://db.internal:5432/ with a user that may create databases. */
    public static Database external(String baseUrl, String user, String password) {
        return new Database(null, null, baseUrl.endsWith("/") ? baseUrl : baseUrl + "/", user, password);
    }

    public String urlOf(String database) {
        return baseUrl + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String describe() {
        return embedded != null ? "embedded PostgreSQL on port " + embedded.getPort() : baseUrl;
    }

    public void ensureDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl + "postgres", user, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + name.replace("'", "") + "'")) {
                if (!exists.next()) {
                    statement.execute("create database \"" + name.replace("\"", "") + "\"");
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** A port nobody listens on right now, for stacks that must not collide with a running one. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
