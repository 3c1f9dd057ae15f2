package org.talkback.spamcheck.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.talkback.platform.problem.ProblemException;
import org.talkback.spamcheck.model.SpamCheck;

/**
 * Stores the checks that API clients ask for, several to a transaction. Each client's answer still waits until its
 * check is committed (a check is retrievable by its id, and feedback refers to it); what is shared is the commit:
 * the checks that arrive while one insert commits go together in the next. A transaction per check cost about as
 * much as judging the comment: in a JFR profile under the check benchmark, the JTA transaction, Hibernate's flush
 * and the driver were a sixth of spam-check's samples, and PostgreSQL spent nearly as much CPU per check as
 * spam-check itself (docs/benchmarks.md, check throughput).
 *
 * <p>Checks made for the comment pipeline are not written here: they commit with their CommentClassified event.
 */
@ApplicationScoped
public class CheckWriter {
    private static final Logger LOG = Logger.getLogger(CheckWriter.class);
    /** Rows per insert: bounds a statement's size; under load, batches are the checks that waited for a commit. */
    private static final int MOST_PER_INSERT = 256;
    private static final long WAIT_SECONDS = 30;

    private record Pending(SpamCheck check, CompletableFuture<Void> stored) {
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private Thread writer;

    public CheckWriter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @PostConstruct
    void start() {
        writer = new Thread(this::writeWhileRunning, "spam-check-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.interrupt();
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** Stores the check; returns once it is committed. */
    public void store(SpamCheck check) {
        Pending pending = new Pending(check, new CompletableFuture<>());
        waiting.add(pending);
        try {
            pending.stored().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("The check could not be stored.", failed.getCause());
        } catch (TimeoutException slow) {
            throw new ProblemException(503, "Service Unavailable", "The check could not be stored in time; try again.",
                    List.of());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the check was being stored.", interrupted);
        }
    }

    private void writeWhileRunning() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException stopping) {
                break;
            }
            waiting.drainTo(batch, MOST_PER_INSERT - 1);
            write(batch);
            batch.clear();
        }
        // Shutting down: what is queued is still written, so no client that is waiting gets a check that vanishes.
        waiting.drainTo(batch);
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        try {
            insert(batch);
            batch.forEach(pending -> pending.stored().complete(null));
        } catch (SQLException | RuntimeException failure) {
            if (batch.size() > 1 && refusedARow(failure)) {
                // One row the table refuses must not fail the other clients' checks: store each alone.
                batch.forEach(pending -> write(List.of(pending)));
                return;
            }
            // The database is unreachable or failing: trying each check alone would only make the clients wait longer.
            LOG.warnf("%d check(s) could not be stored: %s", batch.size(), failure.getMessage());
            batch.forEach(pending -> pending.stored().completeExceptionally(failure));
        }
    }

    /** A data exception (SQLSTATE class 22) or a broken constraint (23): the fault of a row, not of the database. */
    private static boolean refusedARow(Exception failure) {
        String state = failure instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void insert(List<Pending> batch) throws SQLException {
        int size = batch.size();
        Object[] ids = new Object[size];
        String[] sites = new String[size];
        String[] verdicts = new String[size];
        Double[] scores = new Double[size];
        Boolean[] discards = new Boolean[size];
        String[] reasons = new String[size];
        String[] createdAt = new String[size];
        String[] contents = new String[size];
        String[] authorUrls = new String[size];
        String[] authorEmails = new String[size];
        String[] clientIps = new String[size];
        for (int i = 0; i < size; i++) {
            SpamCheck check = batch.get(i).check();
            ids[i] = check.id;
            sites[i] = check.siteId;
            verdicts[i] = check.verdict.wireName();
            scores[i] = check.score;
            discards[i] = check.discard;
            reasons[i] = jsonOf(check.reasons);
            createdAt[i] = check.createdAt.toString();
            contents[i] = check.content;
            authorUrls[i] = check.authorUrl;
            authorEmails[i] = check.authorEmail;
            clientIps[i] = check.clientIp;
        }
        // One statement for the batch: its rows come as one array per column.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into spam_check (id, site_id, verdict, score, discard, reasons, created_at, content,
                                                author_url, author_email, client_ip)
                        select id, site_id, verdict, score, discard, reasons::jsonb, created_at::timestamptz, content,
                               author_url, author_email, client_ip
                          from unnest(?::uuid[], ?::text[], ?::text[], ?::float8[], ?::boolean[], ?::text[], ?::text[],
                                      ?::text[], ?::text[], ?::text[], ?::text[])
                            as batch (id, site_id, verdict, score, discard, reasons, created_at, content, author_url,
                                      author_email, client_ip)""")) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("text", sites));
            insert.setArray(3, connection.createArrayOf("text", verdicts));
            insert.setArray(4, connection.createArrayOf("float8", scores));
            insert.setArray(5, connection.createArrayOf("boolean", discards));
            insert.setArray(6, connection.createArrayOf("text", reasons));
            insert.setArray(7, connection.createArrayOf("text", createdAt));
            insert.setArray(8, connection.createArrayOf("text", contents));
            insert.setArray(9, connection.createArrayOf("text", authorUrls));
            insert.setArray(10, connection.createArrayOf("text", authorEmails));
            insert.setArray(11, connection.createArrayOf("text", clientIps));
            insert.executeUpdate();
        }
    }

    private String jsonOf(List<SpamCheck.Reason> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Reasons are records of strings and numbers", impossible);
        }
    }
}
