package org.talkback.spamcheck.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;

/** The classifier's learned counts per site (classifier_feature, classifier_examples) and what it learned from. */
@ApplicationScoped
public class ClassifierRepository {

    /**
     * A site's learned counts as stored: per feature {spam, ham}, the totals, and the texts learned as spam (the first
     * 64 bits of each text's hash, {@link #textKey}).
     */
    public record StoredCounts(Map<String, int[]> features, int spamExamples, int hamExamples, long revision,
            Set<Long> spamTexts) {
    }

    /** A text's hash shortened to 64 bits: enough to tell a site's learned texts apart, a quarter of the memory. */
    public static long textKey(byte[] textHash) {
        return java.nio.ByteBuffer.wrap(textHash).getLong();
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    public ClassifierRepository(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /**
     * Records that a text was learned with a label, in the caller's transaction. Returns the label it had been
     * learned with before (empty if it is new); the caller moves the counts only if the label changed.
     */
    public Optional<String> recordExample(String siteId, byte[] textHash, String label, String source, String content,
            String authorUrl) {
        return work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into training_example (site_id, text_hash, label, source, content, author_url)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (site_id, text_hash) do nothing""")) {
                insert.setString(1, siteId);
                insert.setBytes(2, textHash);
                insert.setString(3, label);
                insert.setString(4, source);
                insert.setString(5, content);
                insert.setString(6, authorUrl);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            String previous;
            try (PreparedStatement select = connection.prepareStatement(
                    "select label from training_example where site_id = ? and text_hash = ? for update")) {
                select.setString(1, siteId);
                select.setBytes(2, textHash);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    previous = row.getString(1);
                }
            }
            if (!previous.equals(label)) {
                try (PreparedStatement update = connection.prepareStatement("""
                        update training_example set label = ?, source = ?, trained_at = now(),
                               content = coalesce(content, ?), author_url = coalesce(author_url, ?)
                         where site_id = ? and text_hash = ?""")) {
                    update.setString(1, label);
                    update.setString(2, source);
                    update.setString(3, content);
                    update.setString(4, authorUrl);
                    update.setString(5, siteId);
                    update.setBytes(6, textHash);
                    update.executeUpdate();
                }
            }
            return Optional.of(previous);
        });
    }

    /**
     * Many examples new to a site in one statement (an import's batch), in the caller's transaction. Returns the
     * hashes (hex) of those that were new; a text already learned is left for the caller to learn one by one,
     * since its label may have changed.
     */
    public Set<String> recordNewExamples(String siteId, String[] hexHashes, String[] labels, String source,
            String[] contents, String[] authorUrls) {
        return work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into training_example (site_id, text_hash, label, source, content, author_url)
                    select ?, decode(e.hash, 'hex'), e.label, ?, e.content, e.url
                      from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as e (hash, label, content, url)
                    on conflict (site_id, text_hash) do nothing
                    returning encode(text_hash, 'hex')""")) {
                insert.setString(1, siteId);
                insert.setString(2, source);
                insert.setArray(3, connection.createArrayOf("text", hexHashes));
                insert.setArray(4, connection.createArrayOf("text", labels));
                insert.setArray(5, connection.createArrayOf("text", contents));
                insert.setArray(6, connection.createArrayOf("text", authorUrls));
                Set<String> added = new java.util.HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        added.add(rows.getString(1));
                    }
                }
                return added;
            }
        });
    }

    /**
     * Adds many features' deltas at once (summed over a batch of examples) and the totals; returns the site's new
     * revision, one step on whatever the batch's size.
     */
    public long addCountsAll(String siteId, Map<String, int[]> deltas, int spamDelta, int hamDelta) {
        return work(connection -> {
            // Sorted, so two trainings touching the same features lock their rows in the same order.
            java.util.TreeMap<String, int[]> sorted = new java.util.TreeMap<>(deltas);
            Integer[] spam = sorted.values().stream().map(counts -> counts[0]).toArray(Integer[]::new);
            Integer[] ham = sorted.values().stream().map(counts -> counts[1]).toArray(Integer[]::new);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into classifier_feature (site_id, feature, spam, ham)
                    select ?, f.feature, f.spam, f.ham from unnest(?::varchar[], ?::int[], ?::int[]) as f (feature, spam, ham)
                    on conflict (site_id, feature) do update
                       set spam = classifier_feature.spam + excluded.spam, ham = classifier_feature.ham + excluded.ham""")) {
                upsert.setString(1, siteId);
                upsert.setArray(2, connection.createArrayOf("varchar", sorted.keySet().toArray(String[]::new)));
                upsert.setArray(3, connection.createArrayOf("integer", spam));
                upsert.setArray(4, connection.createArrayOf("integer", ham));
                upsert.executeUpdate();
            }
            return addTotals(connection, siteId, spamDelta, hamDelta);
        });
    }

    /** Adds to the counts of every feature and to the totals; returns the site's new revision. */
    public long addCounts(String siteId, Set<String> features, int spamDelta, int hamDelta) {
        return work(connection -> {
            // Sorted, so two trainings touching the same features lock their rows in the same order.
            String[] sorted = new TreeSet<>(features).toArray(String[]::new);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into classifier_feature (site_id, feature, spam, ham)
                    select ?, feature, ?, ? from unnest(?) as feature
                    on conflict (site_id, feature) do update
                       set spam = classifier_feature.spam + excluded.spam, ham = classifier_feature.ham + excluded.ham""")) {
                upsert.setString(1, siteId);
                upsert.setInt(2, spamDelta);
                upsert.setInt(3, hamDelta);
                upsert.setArray(4, connection.createArrayOf("varchar", sorted));
                upsert.executeUpdate();
            }
            return addTotals(connection, siteId, spamDelta, hamDelta);
        });
    }

    private static long addTotals(Connection connection, String siteId, int spamDelta, int hamDelta) throws SQLException {
        try (PreparedStatement totals = connection.prepareStatement("""
                insert into classifier_examples (site_id, spam, ham, revision) values (?, ?, ?, 1)
                on conflict (site_id) do update
                   set spam = classifier_examples.spam + excluded.spam, ham = classifier_examples.ham + excluded.ham,
                       revision = classifier_examples.revision + 1
                returning revision""")) {
            totals.setString(1, siteId);
            totals.setInt(2, spamDelta);
            totals.setInt(3, hamDelta);
            try (ResultSet row = totals.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public StoredCounts load(String siteId) {
        return work(connection -> {
            Map<String, int[]> features = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select feature, spam, ham from classifier_feature where site_id = ?")) {
                select.setString(1, siteId);
                select.setFetchSize(5000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        features.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3)});
                    }
                }
            }
            Set<Long> spamTexts = new java.util.HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select text_hash from training_example where site_id = ? and label = 'spam'")) {
                select.setString(1, siteId);
                select.setFetchSize(5000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        spamTexts.add(textKey(rows.getBytes(1)));
                    }
                }
            }
            try (PreparedStatement totals = connection.prepareStatement(
                    "select spam, ham, revision from classifier_examples where site_id = ?")) {
                totals.setString(1, siteId);
                try (ResultSet row = totals.executeQuery()) {
                    return row.next()
                            ? new StoredCounts(features, row.getInt(1), row.getInt(2), row.getLong(3), spamTexts)
                            : new StoredCounts(features, 0, 0, 0, spamTexts);
                }
            }
        });
    }

    /** One learned example with its text, as a site's model is fitted from it. */
    public record Example(boolean spam, String content, String authorUrl) {
    }

    /**
     * The site's learned examples that kept their text, in the order they were first learned, handed to
     * {@code each} one by one as they are read (a site may have a hundred thousand).
     */
    public void examples(String siteId, java.util.function.Consumer<Example> each) {
        // Its own connection: a refit runs on a background thread, outside any request or transaction; a cursor
        // (the fetch size) needs a transaction of its own.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("""
                    select label, content, author_url from training_example
                     where site_id = ? and content is not null order by id""")) {
                select.setString(1, siteId);
                select.setFetchSize(2000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        each.accept(new Example("spam".equals(rows.getString(1)), rows.getString(2), rows.getString(3)));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the examples of " + siteId + " failed", e);
        }
    }

    /** Every site's current revision: how an instance finds out that another one has learned something. */
    public Map<String, Long> revisions() {
        // Plain JDBC: asked from background threads (the models' refits) as well as from the scheduler.
        Map<String, Long> revisions = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select site_id, revision from classifier_examples");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                revisions.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sites' revisions failed", e);
        }
        return revisions;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }
}
