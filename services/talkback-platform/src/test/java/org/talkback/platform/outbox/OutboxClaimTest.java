package org.talkback.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's claim against a real PostgreSQL with the outbox's own migrations: which deliveries it takes, and that
 * a claim costs a batch's worth of rows however long the queue has grown (a backlog drains at a steady rate rather
 * than slowing as it grows).
 */
class OutboxClaimTest {
    private static final String DESTINATION = "publication";

    private static EmbeddedPostgres server;
    private static Connection connection;

    @BeforeAll
    static void database() throws Exception {
        server = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(server.getPostgresDatabase()).locations("classpath:db/talkback-platform")
                .load().migrate();
        connection = server.getPostgresDatabase().getConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        execute("truncate outbox, outbox_delivery");
    }

    @Test
    void aClaimWalksOnlyTheHeadOfALongQueue() throws Exception {
        // X (their rows deleted), 20,000
        // waiting, and statistics that know it (autoanalyze runs every 2,000 changes).
        publish("c", 60_000);
        execute("delete from outbox_delivery where seq <= (select min(seq) + 39999 from outbox_delivery)");
        execute("analyze outbox_delivery");

        JsonNode plan = explainClaim(100);

        JsonNode scan = deliveriesScan(plan);
        assertFalse(scan.isMissingNode(), "the claim reads outbox_delivery: " + plan);
        assertEquals("Index Scan", scan.path("Node Type").asText(), "walks the due index in order");
        assertTrue(scan.path("Actual Rows").asLong() <= 200,
                "reads about a batch of the 20,000 waiting, not all of them: " + scan.path("Actual Rows"));
        assertTrue(plan.findValues("Node Type").stream().noneMatch(type -> type.asText().equals("Sort")),
                "no sort of every pending delivery");
    }

    @Test
    void aCommentsLaterEventWaitsForItsEarlierOneAndOthersGoInOrder() throws Exception {
        publish("a", 1);
        publish("b", 1);
        publish("a", 1); // a's second event, behind its first
        publish("c", 1);
        // a's first event was refused and backs off: it is not due, and its successor must not overtake it.
        execute("update outbox_delivery set next_attempt_at = now() + interval '1 hour' where seq = "
                + "(select min(seq) from outbox_delivery where aggregateid = 'a1')");

        assertEquals(List.of("b1", "c1"), claimedAggregates(100));
    }

    @Test
    void aParkedEventHoldsBackItsCommentOnly() throws Exception {
        publish("a", 1);
        publish("a", 1);
        publish("b", 1);
        execute("update outbox_delivery set parked_at = now() where seq = "
                + "(select min(seq) from outbox_delivery where aggregateid = 'a1')");

        assertEquals(List.of("b1"), claimedAggregates(100));
    }

    /** count events, one per comment named prefix1..prefixN, each with its delivery row to the destination. */
    private static void publish(String prefix, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                with event as (
                    insert into outbox (id, aggregatetype, aggregateid, type, payload, site)
                    select gen_random_uuid(), 'comment', ? || n, 'CommentSubmitted', '{}'::jsonb, 'default'
                      from generate_series(1, ?) as n
                    returning id, seq, aggregateid)
                insert into outbox_delivery (event_id, destination, seq, aggregateid)
                select id, ?, seq, aggregateid from event
                """)) {
            insert.setString(1, prefix);
            insert.setInt(2, count);
            insert.setString(3, DESTINATION);
            insert.executeUpdate();
        }
    }

    private static List<String> claimedAggregates(int batch) throws SQLException {
        List<String> aggregates = new ArrayList<>();
        connection.setAutoCommit(false);
        try (PreparedStatement claim = connection.prepareStatement(OutboxSql.CLAIM + " order by k.seq")) {
            claim.setString(1, DESTINATION);
            claim.setInt(2, batch);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    aggregates.add(rows.getString(6));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return aggregates;
    }

    private static JsonNode explainClaim(int batch) throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement explain = connection.prepareStatement(
                "explain (analyze, format json) " + OutboxSql.CLAIM)) {
            explain.setString(1, DESTINATION);
            explain.setInt(2, batch);
            try (ResultSet rows = explain.executeQuery()) {
                rows.next();
                return new ObjectMapper().readTree(rows.getString(1)).get(0).get("Plan");
            }
        } finally {
            connection.rollback(); // EXPLAIN ANALYZE really locks the rows it claims
            connection.setAutoCommit(true);
        }
    }

    /** The plan node that reads the claimed deliveries (alias c), wherever the planner put it. */
    private static JsonNode deliveriesScan(JsonNode node) {
        if ("c".equals(node.path("Alias").asText()) && "outbox_delivery".equals(node.path("Relation Name").asText())) {
            return node;
        }
        for (JsonNode child : node.path("Plans")) {
            JsonNode found = deliveriesScan(child);
            if (!found.isMissingNode()) {
                return found;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
