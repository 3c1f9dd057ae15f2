package org.talkback.spamcheck.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Per site and author: how many of their comments were decided ham and how many spam. */
@ApplicationScoped
public class AuthorReputation {

    public record Record(int ham, int spam) {
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    public AuthorReputation(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** Who an author is for reputation: their email, or their address when they gave none. */
    public static Optional<String> keyOf(String email, String clientIp) {
        if (email != null && !email.isBlank()) {
            return Optional.of("email:" + email.strip().toLowerCase(Locale.ROOT));
        }
        return clientIp == null || clientIp.isBlank() ? Optional.empty() : Optional.of("ip:" + clientIp.strip());
    }

    /**
     * Read on every check, so over JDBC: as a native query, Hibernate's result-set mapping was a third of this
     * lookup's CPU samples (JFR profile, docs/benchmarks.md). In a transaction the pool hands out the transaction's connection;
     * outside one (API checks), a connection for this one query.
     */
    public Record of(String siteId, String authorKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select ham, spam from author_reputation where site_id = ? and author_key = ?")) {
            select.setString(1, siteId);
            select.setString(2, authorKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Record(row.getInt(1), row.getInt(2)) : new Record(0, 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the author's record failed", e);
        }
    }

    /** Adds (or, with negative deltas, takes back) decisions about an author's comments. */
    public void add(String siteId, String authorKey, int hamDelta, int spamDelta) {
        entityManager.createNativeQuery("""
                insert into author_reputation (site_id, author_key, ham, spam) values (?1, ?2, greatest(?3, 0), greatest(?4, 0))
                on conflict (site_id, author_key) do update
                   set ham = greatest(author_reputation.ham + ?3, 0), spam = greatest(author_reputation.spam + ?4, 0)
                """)
                .setParameter(1, siteId).setParameter(2, authorKey).setParameter(3, hamDelta).setParameter(4, spamDelta)
                .executeUpdate();
    }

    /** Many authors' deltas at once, {ham, spam} per author key (an import's batch). */
    public void addAll(String siteId, Map<String, int[]> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        java.util.TreeMap<String, int[]> sorted = new java.util.TreeMap<>(deltas); // a fixed lock order
        entityManager.createNativeQuery("""
                insert into author_reputation (site_id, author_key, ham, spam)
                select ?1, d.author, greatest(d.ham, 0), greatest(d.spam, 0)
                  from unnest(cast(?2 as text[]), cast(?3 as int[]), cast(?4 as int[])) as d (author, ham, spam)
                on conflict (site_id, author_key) do update
                   set ham = greatest(author_reputation.ham + excluded.ham, 0),
                       spam = greatest(author_reputation.spam + excluded.spam, 0)
                """)
                .setParameter(1, siteId)
                .setParameter(2, sorted.keySet().toArray(String[]::new))
                .setParameter(3, sorted.values().stream().map(counts -> counts[0]).toArray(Integer[]::new))
                .setParameter(4, sorted.values().stream().map(counts -> counts[1]).toArray(Integer[]::new))
                .executeUpdate();
    }
}
