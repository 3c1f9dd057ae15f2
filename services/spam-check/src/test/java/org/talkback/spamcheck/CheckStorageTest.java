package org.talkback.spamcheck;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.spamcheck.model.Judgement;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.repository.CheckWriter;

/** API checks are written several to a transaction; each is stored, as answered, before its answer. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class CheckStorageTest {
    static final String KEY = "test-development-key";

    @Inject
    CheckWriter writer;

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService clients = Executors.newFixedThreadPool(32);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void checksAnsweredAtTheSameTimeAreEachStoredAsAnswered() throws Exception {
        List<Future<Map<String, Object>>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String text = i % 2 == 0 ? "Cheap followers at followers" + i + ".example, click http://followers" + i + ".example"
                    : "The council's vote on the library, number " + i + ", deserved a longer debate.";
            String body = "{\"content\":\"" + text + "\",\"author\":{\"name\":\"Reader " + i + "\",\"email\":\"r" + i
                    + "-" + UUID.randomUUID() + "@example.org\"},\"userIp\":\"" + CheckEvents.uniqueAddress() + "\"}";
            answers.add(clients.submit(() -> given().contentType("application/json").header("X-Api-Key", KEY).body(body)
                    .post("/api/v1/checks").then().statusCode(200).extract().jsonPath().getMap("")));
        }
        for (Future<Map<String, Object>> answer : answers) {
            Map<String, Object> answered = answer.get();
            Map<String, Object> stored = given().header("X-Api-Key", KEY).get("/api/v1/checks/" + answered.get("checkId"))
                    .then().statusCode(200).extract().jsonPath().getMap("");
            assertEquals(answered, stored, "the check read back is the one answered, reasons and all");
        }
    }

    @Test
    void checksThatWaitedForACommitAreWrittenTogetherInOneTransaction() throws Exception {
        List<SpamCheck> waiting = checks(30, "default");
        List<Future<?>> stores = whileTheTableIsLocked(waiting);
        for (Future<?> store : stores) {
            store.get();
        }
        assertEquals(30, stored(waiting));
        assertEquals(1, transactionsThatWrote(waiting), "the 30 checks that queued behind one commit share the next");
    }

    @Test
    void aCheckTheTableRefusesFailsAloneAndTheOthersWrittenWithItAreStored() throws Exception {
        List<SpamCheck> waiting = checks(30, "default");
        SpamCheck ofNoSite = checks(1, "no-such-site").get(0); // the site's row must exist: refused by the table
        waiting.add(15, ofNoSite);
        List<Future<?>> stores = whileTheTableIsLocked(waiting);
        List<SpamCheck> good = new ArrayList<>(waiting);
        good.remove(ofNoSite);
        for (int i = 0; i < stores.size(); i++) {
            if (waiting.get(i) == ofNoSite) {
                Future<?> refused = stores.get(i);
                ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
                assertInstanceOf(RuntimeException.class, failure.getCause());
            } else {
                stores.get(i).get();
            }
        }
        assertEquals(30, stored(good), "every other check in the refused one's batch is stored");
        assertEquals(0, stored(List.of(ofNoSite)));
    }

    /**
     * Stores one check while another connection holds a lock that blocks inserts, so that the writer waits with it;
     * then the given checks, which queue behind it; then lets go. Returns the given checks' stores.
     */
    private List<Future<?>> whileTheTableIsLocked(List<SpamCheck> waiting) throws Exception {
        List<Future<?>> stores = new ArrayList<>();
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("lock table spam_check in share row exclusive mode");
            }
            SpamCheck first = checks(1, "default").get(0);
            CompletableFuture<Void> firstStored = CompletableFuture.runAsync(() -> writer.store(first), clients);
            await().atMost(Duration.ofSeconds(10)).until(() -> insertsWaitingForALock() == 1); // the writer, with it
            for (SpamCheck check : waiting) {
                stores.add(clients.submit(() -> writer.store(check)));
            }
            Thread.sleep(700); // all of them are queued
            locker.commit();
            firstStored.get();
        }
        return stores;
    }

    private long insertsWaitingForALock() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("""
                        select count(*) from pg_stat_activity
                         where wait_event_type = 'Lock' and query like 'insert into spam_check%'""")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<SpamCheck> checks(int count, String siteId) {
        List<SpamCheck> checks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SpamCheck check = new SpamCheck();
            check.id = UUID.randomUUID();
            check.siteId = siteId;
            check.verdict = Judgement.HAM;
            check.score = 0.1;
            check.reasons = List.of(new SpamCheck.Reason("classifier", -1.2, "words: council"));
            check.createdAt = Instant.now();
            check.content = "A comment about the council, " + i;
            check.clientIp = "192.0.2.1";
            checks.add(check);
        }
        return checks;
    }

    private long stored(List<SpamCheck> checks) throws Exception {
        return countOf("select count(*) from spam_check where id = any(?)", checks);
    }

    private long transactionsThatWrote(List<SpamCheck> checks) throws Exception {
        return countOf("select count(distinct xmin::text) from spam_check where id = any(?)", checks);
    }

    private long countOf(String query, List<SpamCheck> checks) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(query)) {
            select.setArray(1, connection.createArrayOf("uuid", checks.stream().map(check -> check.id).toArray()));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
