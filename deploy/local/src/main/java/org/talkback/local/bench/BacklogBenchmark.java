package org.talkback.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.talkback.local.Database;
import org.talkback.local.TalkbackStack;

/**
 * A backlog and how fast it drains: spam-check is stopped, comments are accepted meanwhile (intake keeps taking
 * them, publication holds their texts, invisible), then spam-check starts and the pipeline works through them.
 * Reports the drain rate from spam-check's start to the last comment visible, and afterwards whether anything was
 * parked or any service logged a deadlock.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.BacklogBenchmark [comments]</pre>
 */
public final class BacklogBenchmark {
    private static final int IN_FLIGHT = 32;

    private BacklogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int comments = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        System.out.printf("reference CPU task before the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
        Path work = Files.createTempDirectory("talkback-backlog");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                .withEnvironment(Map.of("TALKBACK_ABUSE_LIMITS", "false"));
        System.out.println("starting the stack (logs in " + work.resolve("logs") + ") ...");
        try (TalkbackStack stack = TalkbackStack.start(options)) {
            PipelineBenchmark warm = new PipelineBenchmark(stack.intake().url(), stack.publication().url());
            int warmup = Integer.getInteger("warmup.seconds", 45);
            System.out.println("warming up: " + 2 * warmup + " s at 50 and 100 comments/s");
            System.out.println("  warm-up " + warm.run(50, warmup).row());
            System.out.println("  warm-up " + warm.run(100, warmup).row());

            String run = Long.toString(System.currentTimeMillis(), 36);
            stack.spamCheck().stop();
            System.out.println("spam-check stopped; posting " + comments + " comments ...");
            long postStart = System.nanoTime();
            int accepted = postAll(stack.intake().url(), run, comments);
            double postSeconds = (System.nanoTime() - postStart) / 1e9;
            System.out.printf("accepted %d of %d in %.1f s (%.0f/s); none visible: %d%n", accepted, comments,
                    postSeconds, accepted / postSeconds, visible(stack.database(), run));

            CpuMeter.Reading cpuBefore = CpuMeter.read();
            long drainStart = System.nanoTime();
            stack.spamCheck().start();
            stack.spamCheck().awaitReady(Duration.ofSeconds(60));
            double readyAfter = (System.nanoTime() - drainStart) / 1e9;
            System.out.printf("spam-check answering after %.1f s; draining ...%n", readyAfter);
            int shown = 0;
            long lastReport = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (shown < accepted && System.nanoTime() < deadline) {
                Thread.sleep(250);
                shown = visible(stack.database(), run);
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                    System.out.printf("  %5.1f s: %d visible%n", (System.nanoTime() - drainStart) / 1e9, shown);
                    lastReport = System.nanoTime();
                }
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            String cpu = CpuMeter.describe(cpuBefore, CpuMeter.read(), shown, "comment");
            System.out.printf("%n| backlog | visible | drain s (from spam-check start) | comments/s | without spam-check's start |%n");
            System.out.printf("|--------:|--------:|------:|-----------:|-----------:|%n");
            System.out.printf("| %d | %d | %.1f | %.0f | %.0f |%n", accepted, shown, drainSeconds, shown / drainSeconds,
                    shown / (drainSeconds - readyAfter));
            System.out.print(cpu);
            System.out.println("parked deliveries: " + parked(stack.database()));
            System.out.println("deadlocks logged: " + deadlocksLogged(work.resolve("logs")));
        }
        System.out.printf("reference CPU task after the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
    }

    /** As fast as intake takes them, a bounded number in flight; each comment to its own article. */
    private static int postAll(String intake, String run, int comments) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4, work -> {
                    Thread thread = new Thread(work, "backlog-poster");
                    thread.setDaemon(true); // so the benchmark ends when main does
                    return thread;
                })).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger accepted = new AtomicInteger();
        for (int n = 0; n < comments; n++) {
            inFlight.acquire();
            String body = """
                    {"site":"default","threadUrl":"https://backlog.example/%s/%d","author":{"name":"Reader %d","email":"r%d@example.org"},
                     "body":"Backlog comment %d: the council vote was closer than the headline says."}
                    """.formatted(run, n, n, n % 500, n);
            HttpRequest request = HttpRequest.newBuilder(URI.create(intake + "/api/v1/comments"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                    accepted.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(IN_FLIGHT);
        return accepted.get();
    }

    private static int visible(Database database, String run) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.urlOf("talkback_publication"),
                database.user(), database.password());
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from published_comment where site_id = 'default' and thread_url like ?")) {
            count.setString(1, "https://backlog.example/" + run + "/%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String parked(Database database) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("talkback_intake", "talkback_spamcheck", "talkback_publication")) {
            try (Connection connection = DriverManager.getConnection(database.urlOf(name), database.user(),
                    database.password());
                    ResultSet rows = connection.createStatement().executeQuery(
                            "select count(*) from outbox_delivery where parked_at is not null")) {
                rows.next();
                out.append(name).append(' ').append(rows.getInt(1)).append("; ");
            }
        }
        return out.toString();
    }

    private static long deadlocksLogged(Path logs) throws java.io.IOException {
        long found = 0;
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                try (var lines = Files.lines(log)) {
                    found += lines.filter(line -> line.contains("40P01") || line.contains("deadlock detected")).count();
                }
            }
        }
        return found;
    }
}
