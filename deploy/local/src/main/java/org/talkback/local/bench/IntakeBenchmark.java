package org.talkback.local.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.talkback.local.Database;
import org.talkback.local.ServiceProcess;
import org.talkback.local.TalkbackStack;

/**
 * Sustained POST /api/v1/comments throughput and latency at a fixed number of connections (a closed loop: each
 * connection sends its next request when the previous answer is in, over its own keep-alive socket). Every comment has its own body and author,
 * and rate limits are off, so what is measured is intake and PostgreSQL, not the abuse rules.
 *
 * <p>Two modes: {@code intake} starts only comment-intake (events wait in its outbox, as they would while
 * spam-check is down or slow), {@code stack} starts all three services so the relay's deliveries compete for the
 * same two cores. In the same run it measures {@code GET /q/health/live} at the same concurrency: a floor for what
 * the HTTP stack alone does on this machine, to report POST throughput as a ratio of it.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.IntakeBenchmark [intake|stack] [seconds] [connections]</pre>
 */
public final class IntakeBenchmark {
    /** Numbers every request of the run, across phases, so no two comments (warm-up included) are alike. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    record Result(String what, long ok, long failed, double perSecond, double p50, double p90, double p99, double max) {
        String row() {
            return String.format("| %-28s | %8d | %6d | %9.0f | %6.1f | %6.1f | %6.1f | %7.1f |", what, ok, failed,
                    perSecond, p50, p90, p99, max);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        String mode = args.length > 0 ? args[0] : "intake";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        // The JIT needs tens of thousands of posts before a post's cost settles (265/s after 20 s, 741/s on average
        // over 90 s, 1,345/s after): a short warm-up measures the compiler, not the service.
        int warmup = Integer.getInteger("warmup.seconds", 90);
        Path work = Files.createTempDirectory("talkback-intake-bench");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                .withEnvironment(Map.of("TALKBACK_ABUSE_LIMITS", "false"));
        System.out.printf("reference CPU task before the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
        System.out.println("starting " + ("stack".equals(mode) ? "the stack" : "PostgreSQL and comment-intake")
                + " (logs in " + work.resolve("logs") + ") ...");
        try (TalkbackStack stack = TalkbackStack.prepare(options)) {
            if ("stack".equals(mode)) {
                stack.startServices();
            } else {
                ServiceProcess intake = stack.intake();
                intake.start();
                intake.awaitReady(Duration.ofSeconds(90));
            }
            String intake = stack.intake().url();
            String run = Long.toString(System.currentTimeMillis(), 36);
            IntFunction<Request> comment = n -> new Request("POST", "/api/v1/comments", """
                    {"site":"default","threadUrl":"https://bench.example/%s/%d",
                     "author":{"name":"Reader %d","email":"r%d-%s@example.org"},
                     "body":"Comment %d of run %s: the council vote was closer than the headline says."}
                    """.formatted(run, n % 500, n, n, run, n, run).getBytes(StandardCharsets.UTF_8));
            IntFunction<Request> health = n -> new Request("GET", "/q/health/live", null);
            URI target = URI.create(intake);

            // The floor first, on a warmed-up HTTP stack, so that the posts are measured right after their own warm-up.
            measure(target, "warm-up", connections, 10, health, 200);
            Result floor = measure(target, "GET /q/health/live (floor)", connections, seconds, health, 200);
            System.out.println("warming up posts for " + warmup + " s (not part of the result)");
            // Half of it at two connections, which leaves the JIT's compiler threads some CPU: at full load they
            // compete with the load itself and the warm-up takes several times longer.
            measure(target, "warm-up", 2, warmup / 2, comment, 202);
            measure(target, "warm-up", connections, warmup - warmup / 2, comment, 202);
            System.out.println();
            System.out.printf("%d connections, %d s each, mode %s%n%n", connections, seconds, mode);
            System.out.println("| what                         |  answers | failed | answers/s | p50 ms | p90 ms | p99 ms |  max ms |");
            System.out.println("|------------------------------|---------:|-------:|----------:|-------:|-------:|-------:|--------:|");
            System.out.println(floor.row());
            Result posts = measure(target, "POST /api/v1/comments", connections, seconds, comment, 202);
            System.out.println(posts.row());
            System.out.printf("%nPOST throughput is %.2f of the health-check floor measured in the same run.%n",
                    posts.perSecond() / floor.perSecond());
        }
        System.out.printf("reference CPU task after the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
    }

    /** One request of a closed loop; extraHeaders are whole header lines ("Name: value\r\n"). */
    record Request(String method, String path, String extraHeaders, byte[] body) {
        Request(String method, String path, byte[] body) {
            this(method, path, "", body);
        }
    }

    /** Runs {@code connections} closed loops for the given time; counts answers with the expected status. */

    static Result measure(URI target, String what, int connections, int seconds, IntFunction<Request> requests,
            int expectedStatus) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(connections);
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[200_000];
            latencies.add(mine);
            int slot = c;
            counts.add(0);
            Thread loop = new Thread(() -> {
                int count = 0;
                try (KeepAliveConnection connection = new KeepAliveConnection(target)) {
                    while (System.nanoTime() < deadline && count < mine.length) {
                        Request request = requests.apply((int) SEQUENCE.incrementAndGet());
                        long sent = System.nanoTime();
                        try {
                            int status = connection.send(request.method(), request.path(), "application/json",
                                    request.extraHeaders(), request.body());
                            if (status == expectedStatus) {
                                mine[count++] = System.nanoTime() - sent;
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    synchronized (counts) {
                        counts.set(slot, count);
                    }
                    done.countDown();
                }
            }, "bench-connection-" + c);
            loop.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts.get(c));
            at += counts.get(c);
        }
        Arrays.sort(all);
        Result result = new Result(what, total, failed.get(), total / elapsed, millis(all, 50), millis(all, 90),
                millis(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        if ("warm-up".equals(what)) {
            System.out.println("  " + result.row());
        }
        return result;
    }

    private static double millis(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
