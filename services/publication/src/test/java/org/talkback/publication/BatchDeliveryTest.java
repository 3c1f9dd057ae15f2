package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.talkback.publication.PublicationEvents.SIGNER;
import static org.talkback.publication.PublicationEvents.classified;
import static org.talkback.publication.PublicationEvents.submitted;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/**
 * Deliveries as relays send them under load: dozens of events in one request, applied in one transaction with
 * set-based statements. What a reader and a moderator see must be exactly what one event at a time gave.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_batch_test"))
class BatchDeliveryTest {

    @Inject
    EntityManager entityManager;

    EventSink others;

    @BeforeEach
    void freshSink() {
        others = EventSink.shared(18993);
        others.clear();
    }

    @Test
    void textsAndVerdictsInBatchesInEitherOrderPublishEachCommentOnceInItsThread() {
        String run = UUID.randomUUID().toString();
        List<String> threads = List.of("https://news.example/batch-a-" + run, "https://news.example/batch-b-" + run,
                "https://news.example/batch-c-" + run);
        List<UUID> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> earlyVerdicts = new ArrayList<>();
        List<String> lateVerdicts = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(60);
        for (int i = 0; i < 24; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            texts.add(submitted(id, threads.get(i % 3), null, "Reader " + i, "reader" + i + "@example.org",
                    "Comment number " + i + " on the council's budget.", start.plusSeconds(i)));
            // Every eighth comment is spam: it must stay out of its thread.
            String verdict = classified(id, i % 8 == 7 ? "spam" : "ham", false);
            (i % 2 == 0 ? earlyVerdicts : lateVerdicts).add(verdict);
        }

        // Half the verdicts come before their texts, half after, as the two streams race in production.
        assertOutcomes(deliverBatch(earlyVerdicts), "applied", 12);
        assertOutcomes(deliverBatch(texts), "applied", 24);
        assertOutcomes(deliverBatch(lateVerdicts), "applied", 12);

        for (String thread : threads) {
            // Eight comments per thread, one of them spam (i = 7, 15 and 23 fall in different threads).
            long spam = java.util.stream.IntStream.range(0, 24)
                    .filter(i -> threads.get(i % 3).equals(thread) && i % 8 == 7).count();
            int shown = (int) (8 - spam);
            JsonPath page = given().queryParam("site", "default").queryParam("url", thread)
                    .get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
            assertEquals(shown, page.getInt("thread.count"), thread);
            assertEquals(shown, page.getList("comments").size(), thread);
            // Reading order is posting order: the batch kept each comment's place.
            List<String> authors = page.getList("comments.author.name");
            List<String> expected = java.util.stream.IntStream.range(0, 24)
                    .filter(i -> threads.get(i % 3).equals(thread) && i % 8 != 7)
                    .mapToObj(i -> "Reader " + i).toList();
            assertEquals(expected, authors);
            // Each shown comment is one numbered change of its thread, numbered without gaps (the page caches and
            // live streams of other instances follow these numbers).
            List<Number> seqs = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "select seq from thread_change where site_id = 'default' and thread_url = ?1 and kind = 'shown' order by seq")
                    .setParameter(1, thread).getResultList());
            long first = seqs.get(0).longValue();
            for (int k = 0; k < seqs.size(); k++) {
                assertEquals(first + k, seqs.get(k).longValue(), "change numbers of " + thread);
            }
            assertEquals(shown, seqs.size());
        }
        assertEquals(24L, auditEntries(ids));
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> !others.accepted("/comment-intake/", id.toString()).isEmpty()));

        // The same texts again (a relay that lost its answer): duplicates, and nothing changes.
        assertOutcomes(deliverBatch(texts), "duplicate", 24);
        assertEquals(24L, auditEntries(ids));
        given().queryParam("site", "default").queryParam("url", threads.get(0)).get("/api/v1/threads/counts")
                .then().body("'" + threads.get(0) + "'", equalTo(7));
    }

    @Test
    void textsAndVerdictsOfTheSameCommentsDeliveredAtTheSameMomentNeitherDeadlockNorDecideTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String thread = "https://news.example/race-" + round + "-" + UUID.randomUUID();
                List<UUID> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                List<String> verdicts = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    texts.add(submitted(id, thread, "Racer " + i, "racer" + i + "@example.org", "Same moment " + i));
                    verdicts.add(classified(id, "ham", false));
                }
                // Opposite orders, so that row locks taken in delivery order would cross.
                List<String> reversed = new ArrayList<>(verdicts);
                java.util.Collections.reverse(reversed);
                CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> deliverBatch(texts), pool);
                CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> deliverBatch(reversed), pool);
                assertOutcomes(first.get(), "applied", 40);
                assertOutcomes(second.get(), "applied", 40);
                given().queryParam("site", "default").queryParam("url", thread).get("/api/v1/threads/counts")
                        .then().body("'" + thread + "'", equalTo(40));
                assertEquals(40L, auditEntries(ids), "each comment decided exactly once");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void statusChangesForIntakeGatherUnderASteadyStreamInsteadOfGoingOneDeliveryEach() throws Exception {
        // A steady trickle, as at 100 comments/s: each comment's text and verdict in a delivery of its own, one
        // every 40 ms (sent on a clock, not after the previous answer, so a slow machine does not stretch the
        // trickle past the linger), so each publication is its own transaction and its own status change for
        // intake. Nobody waits on intake's copy (the author's view), so those go in a few deliveries, not twelve.
        String thread = "https://news.example/trickle-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(12);
        try {
            for (int i = 0; i < 12; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                List<String> delivery = List.of(submitted(id, thread, "Trickle " + i, "trickle" + i + "@example.org",
                        "A steady comment " + i), classified(id, "ham", false));
                answers.add(CompletableFuture.supplyAsync(() -> deliverBatch(delivery), senders));
                Thread.sleep(40);
            }
            for (CompletableFuture<Response> answer : answers) {
                assertOutcomes(answer.get(), "applied", 2);
            }
        } finally {
            senders.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> !others.accepted("/comment-intake/", id.toString()).isEmpty()));
        long requests = ids.stream()
                .flatMap(id -> others.accepted("/comment-intake/", id.toString()).stream())
                .map(EventSink.Delivery::batchBody).distinct().count();
        assertTrue(requests <= 6,
                "12 status changes reached intake in " + requests + " deliveries");
    }

    private long auditEntries(List<UUID> ids) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from moderation_audit where action = 'policy' and comment_id = any (cast(?1 as uuid[]))")
                .setParameter(1, ids.toArray(UUID[]::new)).getSingleResult()).longValue());
    }

    private static Response deliverBatch(List<String> events) {
        String body = "{\"events\":[" + String.join(",", events) + "]}";
        return given().contentType("application/json").header("X-Talkback-Signature", SIGNER.sign(body))
                .body(body).post("/internal/events");
    }

    private static void assertOutcomes(Response response, String outcome, int count) {
        response.then().statusCode(200);
        List<String> outcomes = response.jsonPath().getList("results.outcome");
        assertEquals(count, outcomes.size());
        assertEquals(List.of(outcome), outcomes.stream().distinct().toList(), response.asString());
    }
}
