package org.talkback.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.talkback.local.Database;
import org.talkback.local.TalkbackStack;

/**
 * End-to-end latency from POST to "visible in the thread", at steady posting rates. Starts its own stack (embedded
 * PostgreSQL, three service processes), posts each comment to its own article, and watches all outstanding
 * articles through the batch counts endpoint every 20 ms, which is how the time a comment becomes visible is
 * seen without loading the read path with one poll per comment (latencies are therefore up to 20 ms late).
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.PipelineBenchmark [seconds] [rates...]</pre>
 *
 * With {@code -Dcold.seconds=30} it skips the warm-up and starts the load 30 s after starting the services.
 */
public final class PipelineBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLL_MILLIS = 20;
    private static final int URLS_PER_POLL = 40;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "bench-http");
                thread.setDaemon(true);
                return thread;
            })).build();
    private final String intake;
    private final String publication;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean stopRequested;

    PipelineBenchmark(String intake, String publication) {
        this.intake = intake;
        this.publication = publication;
    }

    record Result(int rate, int sent, int accepted, int visible, double achievedPerSecond, long p50, long p90, long p99,
            long max, List<PipelineStages.Sample> samples, String cpu) {
        String row() {
            return String.format("| %5d | %6d | %8d | %7d | %8.1f | %5d | %5d | %5d | %6d |", rate, sent, accepted, visible,
                    achievedPerSecond, p50, p90, p99, max);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Integer> rates = args.length > 1
                ? Arrays.stream(args).skip(1).map(Integer::parseInt).toList()
                : List.of(100, 200, 300, 400, 600, 800, 1000);
        // These machines are shared: the same command gave p99 1.2 s one day and 0.15 s another. A fixed CPU task
        // timed before the stack starts and after it stops says how fast this machine was during this run.
        System.out.printf("reference CPU task before the run: %d ms%n", referenceTaskMillis());
        Path work = Files.createTempDirectory("talkback-bench");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                // One load generator is one client address: rate limits and the flood rule would refuse it.
                .withEnvironment(Map.of("TALKBACK_ABUSE_LIMITS", "false"));
        System.out.println("starting the stack (logs in " + work.resolve("logs") + ") ...");
        long startedNanos = System.nanoTime();
        try (TalkbackStack stack = TalkbackStack.start(options)) {
            PipelineBenchmark bench = new PipelineBenchmark(stack.intake().url(), stack.publication().url());
            PipelineStages stages = new PipelineStages(stack.database());
            // -Dcold.seconds=30: no warm-up; the load starts that long after the services were started, as on a
            // replica a cluster starts during a spike.
            Integer cold = Integer.getInteger("cold.seconds");
            if (cold != null) {
                long ready = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                System.out.printf("cold start: the services answered %.1f s after they were started; load begins at %d s%n",
                        ready / 1000.0, cold);
                Thread.sleep(Math.max(0, cold * 1000L - ready));
            } else {
                // Three JVMs compiling on two shared cores: it takes several thousand comments before the JIT is
                // done and a comment's CPU cost settles (65 ms in the first thousand, under 40 ms after three thousand).
                int warmup = Integer.getInteger("warmup.seconds", 45);
                System.out.println("warming up: " + 4 * warmup + " s at 20 to 80 comments/s (shown, not part of the result)");
                for (int rate = 20; rate <= 80; rate += 20) {
                    System.out.println("  warm-up " + bench.run(rate, warmup).row());
                }
            }
            boolean statements = Boolean.getBoolean("talkback.pg.statements");
            if (statements) {
                Statements.reset(stack.database());
            }
            System.out.println();
            System.out.println("| rate/s | sent | accepted | visible | achieved/s | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|-------:|-----:|---------:|--------:|-----------:|------:|------:|------:|-------:|");
            for (int rate : rates) {
                Result result = bench.run(rate, seconds);
                System.out.println(result.row());
                System.out.print(result.cpu());
                System.out.println(deliveries(stack));
                System.out.print(stages.report(result.samples()));
                if (statements) {
                    System.out.print(Statements.top(stack.database(), result.accepted(), 25));
                    Statements.reset(stack.database());
                }
                if (result.p99() > 1000 || result.visible() < result.accepted()) {
                    System.out.println("p99 passed one second (or comments did not show within the wait): stopping here");
                    break;
                }
            }
        }
        System.out.printf("reference CPU task after the run: %d ms%n", referenceTaskMillis());
    }

    /** How many events each service received per delivery so far (batching is what amortises a delivery's cost). */
    static String deliveries(TalkbackStack stack) {
        StringBuilder out = new StringBuilder("  events per delivery received:");
        for (var service : stack.services()) {
            try {
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double batches = sum(metrics, "talkback_inbox_batch_seconds_count");
                double events = sum(metrics, "talkback_inbox_events_total");
                out.append(String.format(" %s %.0f/%.0f = %.2f;", service.name(), events, batches, events / Math.max(1, batches)));
            } catch (Exception e) {
                out.append(" ").append(service.name()).append(" ?;");
            }
        }
        return out.toString();
    }

    private static double sum(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** SHA-256 over 256 MiB on one thread, best of three: a yardstick for comparing runs, not a result. */
    static long referenceTaskMillis() throws NoSuchAlgorithmException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 42);
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            for (int i = 0; i < 256; i++) {
                sha.update(block);
            }
            sha.digest();
            best = Math.min(best, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return best;
    }

    /** Ends a run in progress early (another benchmark decides how long it lasts), as if its time were up. */
    void stop() {
        stopRequested = true;
    }

    Result run(int rate, int seconds) throws InterruptedException {
        Map<String, Pending> outstanding = new ConcurrentHashMap<>(); // thread url -> its comment, not yet seen
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<PipelineStages.Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long periodNanos = 1_000_000_000L / rate;
        long started = System.nanoTime();
        CpuMeter.Reading cpuBefore = CpuMeter.read();
        clock.scheduleAtFixedRate(() -> post(outstanding, sent, accepted), 0, periodNanos, TimeUnit.NANOSECONDS);
        clock.scheduleWithFixedDelay(() -> poll(outstanding, latencies, samples), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        while (!stopRequested && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        stopRequested = false;
        clock.shutdown();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        String cpu = CpuMeter.describe(cpuBefore, CpuMeter.read(), accepted.get(), "comment");
        // Let the stragglers arrive, still watched every 20 ms.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
            poll(outstanding, latencies, samples);
            Thread.sleep(POLL_MILLIS);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(rate, sent.get(), accepted.get(), sorted.length, accepted.get() / elapsed,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], List.copyOf(samples), cpu);
    }

    /** A comment accepted and not yet seen: when it was sent, by the benchmark's two clocks. */
    private record Pending(UUID commentId, long sentNanos, long sentMillis) {
    }

    private void post(Map<String, Pending> outstanding, AtomicInteger sent, AtomicInteger accepted) {
        int n = sequence.incrementAndGet();
        String url = "https://bench.example/" + runId + "/" + n;
        String body = """
                {"site":"default","threadUrl":"%s","author":{"name":"Reader %d","email":"r%d@example.org"},
                 "body":"Benchmark comment %d: the council vote was closer than the headline says."}
                """.formatted(url, n, n % 500, n);
        HttpRequest request = HttpRequest.newBuilder(URI.create(intake + "/api/v1/comments"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sentAt = System.nanoTime();
        long sentMillis = System.currentTimeMillis();
        sent.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() == 202) {
                accepted.incrementAndGet();
                UUID id = UUID.fromString(readTree(response.body()).path("id").asText());
                outstanding.put(url, new Pending(id, sentAt, sentMillis));
            }
        });
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void poll(Map<String, Pending> outstanding, List<Long> latencies, List<PipelineStages.Sample> samples) {
        List<String> urls = new ArrayList<>(outstanding.keySet());
        for (int from = 0; from < urls.size(); from += URLS_PER_POLL) {
            List<String> batch = urls.subList(from, Math.min(urls.size(), from + URLS_PER_POLL));
            String query = batch.stream().map(u -> "url=" + URLEncoder.encode(u, StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(publication + "/api/v1/threads/counts?site=default&" + query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                long nowMillis = System.currentTimeMillis();
                JsonNode counts = JSON.readTree(response.body());
                for (String url : batch) {
                    if (counts.path(url).asInt() > 0) {
                        Pending pending = outstanding.remove(url);
                        if (pending != null) {
                            latencies.add(TimeUnit.NANOSECONDS.toMillis(now - pending.sentNanos()));
                            samples.add(new PipelineStages.Sample(pending.commentId(), pending.sentMillis(), nowMillis));
                        }
                    }
                }
            } catch (Exception e) {
                // a failed poll is retried on the next tick
            }
        }
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
