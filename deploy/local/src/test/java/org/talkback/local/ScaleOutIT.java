package org.talkback.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service over the same databases, as two replicas in a cluster: both relays of a service
 * claim from one outbox (FOR UPDATE SKIP LOCKED) and both instances of a consumer receive events, and still every
 * accepted comment is published exactly once, readable from either publication instance.
 */
class ScaleOutIT {
    private static final int THREADS = 6;
    private static final int COMMENTS = 240;
    static TalkbackStack stack;
    static List<ServiceProcess> second;

    @BeforeAll
    static void startTwoOfEach() throws Exception {
        stack = StackFixture.start("scale-out");
        second = stack.startSecondInstances(Database.freePort(), Database.freePort(), Database.freePort());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyCommentIsPublishedOnceWhileTwoInstancesOfEachServiceShareTheWork() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        List<ServiceProcess> intakes = List.of(stack.intake(), second.get(0));
        Map<String, String> threadOfAccepted = new ConcurrentHashMap<>();
        ExecutorService posters = Executors.newFixedThreadPool(8);
        for (int n = 0; n < COMMENTS; n++) {
            int i = n;
            posters.submit(() -> {
                String url = "https://news.example/scale-" + run + "/" + (i % THREADS);
                Response response = StackFixture.post(intakes.get(i % 2), url, "Reader " + i, "Comment " + i + " of " + run);
                if (response.statusCode() == 202) {
                    threadOfAccepted.put(response.path("id"), url);
                }
            });
        }
        posters.shutdown();
        assertTrue(posters.awaitTermination(2, TimeUnit.MINUTES));
        assertEquals(COMMENTS, threadOfAccepted.size(), "both intake instances accept every comment");

        List<ServiceProcess> publications = List.of(stack.publication(), second.get(2));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> published(publications.get(1), run).size() >= COMMENTS);
        for (ServiceProcess publication : publications) {
            List<String> all = published(publication, run);
            Set<String> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), publication.name() + ": no comment is shown twice");
            assertEquals(threadOfAccepted.keySet(), distinct, publication.name() + ": every accepted comment, nothing else");
        }

        // The work was shared: each instance's relay delivered some of the events (its own counter), so the two
        // relays really competed for one outbox, and each consumer instance received deliveries.
        for (ServiceProcess instance : List.of(stack.intake(), second.get(0), stack.spamCheck(), second.get(1))) {
            double delivered = deliveredCount(instance);
            System.out.printf("%s delivered %.0f events%n", instance.name(), delivered);
            assertTrue(delivered > 0, instance.name() + " delivered nothing; its relay did not take part");
        }
    }

    private static List<String> published(ServiceProcess publication, String run) {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            ids.addAll(StackFixture.publishedIds(publication, "https://news.example/scale-" + run + "/" + t));
        }
        return ids;
    }

    /** talkback_outbox_deliveries_total{outcome="delivered"} summed over destinations, from the instance's metrics. */
    private static double deliveredCount(ServiceProcess instance) {
        String metrics = given().baseUri(instance.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^talkback_outbox_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*\\} ([0-9.Ee+]+)$")
                .matcher(metrics);
        double sum = 0;
        while (line.find()) {
            sum += Double.parseDouble(line.group(1));
        }
        return sum;
    }
}
