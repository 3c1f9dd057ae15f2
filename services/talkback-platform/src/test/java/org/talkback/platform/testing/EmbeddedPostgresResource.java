package org.talkback.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for a service's tests: one embedded server per test JVM, one database per service. Set
 * TALKBACK_TEST_JDBC_BASE (for example jdbc:postgresql://127.0.0.1:5432/ with TALKBACK_TEST_DB_USER) to run the
 * same tests against an existing server instead.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgres server;

    private String database = "talkback";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String externalBase = System.getenv("TALKBACK_TEST_JDBC_BASE");
        String user = System.getenv().getOrDefault("TALKBACK_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("TALKBACK_TEST_DB_PASSWORD", "");
        String base = externalBase != null ? externalBase : "jdbc:postgresql://localhost:" + embedded().getPort() + "/";
        recreateDatabase(base, user, password, database);
        return Map.of(
                "quarkus.datasource.jdbc.url", base + database,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        // The server lives for the whole test JVM; zonky stops it in a shutdown hook.
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** A fresh database per test run, so tests see only their own rows. */
    private static void recreateDatabase(String base, String user, String password, String database) {
        try (Connection connection = java.sql.DriverManager.getConnection(base + "postgres", user, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database.replace("'", "") + "'")) {
                if (exists.next()) {
                    statement.execute("drop database \"" + database + "\" with (force)");
                }
            }
            statement.execute("create database \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + database, e);
        }
    }
}
