package org.talkback.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local launcher's supervisor: the embedded PostgreSQL or a service killed from outside (SIGKILL, as the OOM
 * killer or a careless `kill` would) is started again and said so, and comments flow again without anyone
 * restarting the stack (a comment posted afterwards is judged and decided).
 */
class SupervisionIT {
    static TalkbackStack stack;
    static final List<String> said = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackFixture.start("supervision");
        stack.superviseInBackground(said::add);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aKilledDatabaseIsStartedAgainAndCommentsArePublishedAfterwards() {
        long postmaster = stack.database().postmasterPid().orElseThrow();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(90)).until(() -> said.stream().anyMatch(line -> line.startsWith("PostgreSQL is running again")));
        assertTrue(said.stream().anyMatch(line -> line.startsWith("PostgreSQL stopped")), String.join("\n", said));
        assertDecidedAfterPosting("after the database came back");
    }

    @Test
    void aKilledServiceIsStartedAgainAndSaysSo() {
        ProcessHandle.of(stack.spamCheck().pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(90)).until(() -> said.stream()
                .anyMatch(line -> line.startsWith("spam-check is running again")));
        assertTrue(said.stream().anyMatch(line -> line.startsWith("spam-check stopped (exit code 137")),
                String.join("\n", said));
        assertDecidedAfterPosting("after spam-check came back");
    }

    /** A comment posted now goes all the way: checked by spam-check and decided by publication. */
    private static void assertDecidedAfterPosting(String body) {
        String url = "https://news.example/2026/12/supervised?id=" + UUID.randomUUID();
        // The services' connection pools find the new server on their next try; a post may fail until then.
        var posted = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> StackFixture.post(stack, url, "Ann " + UUID.randomUUID().toString().substring(0, 6),
                        "I was at the meeting too, " + body + "; the minutes match what I heard."),
                        answer -> answer.statusCode() == 202);
        String id = posted.path("id");
        String token = posted.path("editToken");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"pending".equals(StackFixture.authorStatus(stack, id, token)));
    }
}
