package org.talkback.local.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.talkback.local.Database;

/**
 * Where a comment's time goes between POST and visible, read back from the three services' databases after a run.
 * An outbox row's timestamp and an inbox row's received_at say when a transaction began; with
 * track_commit_timestamp on, pg_xact_commit_timestamp(xmin) says when it committed. The benchmark's clock and
 * PostgreSQL's are the same machine's wall clock.
 *
 * <p>Stages: <b>accept</b> POST sent → intake committed; <b>relay</b> → spam-check's transaction began on the
 * CommentSubmitted; <b>check</b> → it committed the verdict; <b>relay</b> → publication's transaction began on the
 * CommentClassified; <b>publish</b> → it committed; <b>seen</b> → the benchmark's poll saw it (up to 20 ms late).
 */
final class PipelineStages {
    /** One comment as the benchmark saw it. */
    record Sample(UUID commentId, long sentMillis, long visibleMillis) {
    }

    private static final List<String> STAGES = List.of("accept", "relay", "check", "relay", "publish", "seen");

    private final Database database;

    PipelineStages(Database database) {
        this.database = database;
    }

    /** p50 and p99 per stage, and each stage's mean over the slowest 1 %: which stage makes the tail. */
    String report(List<Sample> samples) throws SQLException {
        List<long[]> timelines = timelines(samples);
        if (timelines.isEmpty()) {
            return "  (no stage times found)\n";
        }
        timelines.sort(Comparator.comparingLong(t -> t[t.length - 1] - t[0]));
        List<long[]> tail = timelines.subList((int) (timelines.size() * 0.99), timelines.size());
        StringBuilder out = new StringBuilder(String.format("  %-24s", "stages, ms (" + timelines.size() + ")"));
        STAGES.forEach(stage -> out.append(String.format(" | %7s", stage)));
        out.append('\n');
        appendRow(out, "p50", timelines, 50);
        appendRow(out, "p99", timelines, 99);
        appendRow(out, "mean of slowest 1 %", tail, -1);
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String label, List<long[]> timelines, int percent) {
        out.append(String.format("  %-24s", label));
        for (int stage = 0; stage < STAGES.size(); stage++) {
            int from = stage;
            long[] values = timelines.stream().mapToLong(t -> t[from + 1] - t[from]).sorted().toArray();
            long value = percent < 0 ? Math.round(Arrays.stream(values).average().orElse(0))
                    : values[Math.max(0, (int) Math.ceil(percent / 100.0 * values.length) - 1)];
            out.append(String.format(" | %7d", value));
        }
        out.append('\n');
    }

    /** Per comment: sent, intake commit, check begin, check commit, publish begin, publish commit, seen. */
    private List<long[]> timelines(List<Sample> samples) throws SQLException {
        String[] commentIds = samples.stream().map(s -> s.commentId().toString()).toArray(String[]::new);
        Map<String, UUID> submittedEvent = new HashMap<>();
        Map<String, Long> intakeCommitted = new HashMap<>();
        try (Connection intake = connect("talkback_intake")) {
            eventsOf(intake, "CommentSubmitted", commentIds, submittedEvent, intakeCommitted);
        }
        Map<UUID, long[]> checked;
        Map<String, UUID> classifiedEvent = new HashMap<>();
        try (Connection spamCheck = connect("talkback_spamcheck")) {
            checked = handled(spamCheck, submittedEvent.values());
            eventsOf(spamCheck, "CommentClassified", commentIds, classifiedEvent, new HashMap<>());
        }
        Map<UUID, long[]> published;
        try (Connection publication = connect("talkback_publication")) {
            published = handled(publication, classifiedEvent.values());
        }
        List<long[]> timelines = new ArrayList<>();
        for (Sample sample : samples) {
            String id = sample.commentId().toString();
            long[] check = checked.get(submittedEvent.get(id));
            long[] publish = published.get(classifiedEvent.get(id));
            if (intakeCommitted.containsKey(id) && check != null && publish != null) {
                timelines.add(new long[] {sample.sentMillis(), intakeCommitted.get(id), check[0], check[1],
                        publish[0], publish[1], sample.visibleMillis()});
            }
        }
        return timelines;
    }

    private static void eventsOf(Connection connection, String type, String[] commentIds, Map<String, UUID> events,
            Map<String, Long> committed) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select aggregateid, id, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::bigint
                  from outbox where type = ? and aggregateid = any(?)""")) {
            query.setString(1, type);
            query.setArray(2, connection.createArrayOf("varchar", commentIds));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.put(rows.getString(1), rows.getObject(2, UUID.class));
                    committed.put(rows.getString(1), rows.getLong(3));
                }
            }
        }
    }

    /** Event id -> [when the consumer's transaction began, when it committed]. */
    private static Map<UUID, long[]> handled(Connection connection, Collection<UUID> eventIds) throws SQLException {
        Map<UUID, long[]> handled = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select event_id, (extract(epoch from received_at) * 1000)::bigint,
                       (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::bigint
                  from inbox where event_id = any(?)""")) {
            query.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    handled.put(rows.getObject(1, UUID.class), new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
        }
        return handled;
    }

    private Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(database.urlOf(name), database.user(), database.password());
    }
}
