package org.talkback.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talkback.local.Database;
import org.talkback.local.TalkbackStack;

/**
 * What an article page costs: {@code GET /api/v1/threads/comments}, first page of 50, on a thread of 200 published
 * comments (a quarter of them replies), measured with wrk against the publication service. Three measurements in
 * the same run: {@code GET /q/health/live} (the floor: what the HTTP stack alone does here), the page itself,
 * the same page revalidated with {@code If-None-Match} (the 304 a CDN or browser gets), and the page again while
 * two new comments a second are published to the thread (each one invalidates its cached pages).
 *
 * <p>The comments go in the way readers' do, through intake and spam-check, so the page read is the one the
 * pipeline built. Needs wrk on the PATH ({@code apt-get install wrk}).
 *
 * <p>With {@code nocache} as third argument, publication runs with its page cache off, so every page is read from
 * PostgreSQL and rendered: the cost of a cache miss, and what a deployment gets if the cache is useless to it.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.ReadBenchmark [seconds] [connections] [cache|nocache]</pre>
 */
public final class ReadBenchmark {
    private static final int COMMENTS = 200;
    private static final int CHURN_PER_SECOND = 2;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    record Result(String what, double perSecond, double p50, double p90, double p99, double max, long errors) {
        String row() {
            return String.format("| %-34s | %9.0f | %6.2f | %6.2f | %6.2f | %7.2f | %6d |", what, perSecond, p50, p90, p99,
                    max, errors);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        boolean cache = args.length < 3 || !"nocache".equals(args[2]);
        int warmup = Integer.getInteger("warmup.seconds", 30);
        Path work = Files.createTempDirectory("talkback-read-bench");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                .withEnvironment(Map.of("TALKBACK_ABUSE_LIMITS", "false",
                        "TALKBACK_PAGE_CACHE_BYTES", cache ? "67108864" : "0"));
        System.out.printf("reference CPU task before the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
        System.out.println("starting the stack (logs in " + work.resolve("logs") + ") ...");
        try (TalkbackStack stack = TalkbackStack.start(options)) {
            new ReadBenchmark().run(stack, seconds, connections, warmup, cache);
        }
        System.out.printf("reference CPU task after the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
    }

    private void run(TalkbackStack stack, int seconds, int connections, int warmup, boolean cache) throws Exception {
        String article = "https://news.example/2026/11/council-budget-" + Long.toString(System.currentTimeMillis(), 36);
        seed(stack.intake().url(), article);
        String publication = stack.publication().url();
        String page = publication + "/api/v1/threads/comments?site=default&limit=50&url="
                + URLEncoder.encode(article, StandardCharsets.UTF_8);
        String etag = awaitThread(page);

        System.out.println("warming up for " + warmup + " s (not part of the result)");
        wrk(page, connections, warmup, List.of());
        Result floor = wrk(publication + "/q/health/live", connections, seconds, List.of());
        Result full = wrk(page, connections, seconds, List.of());
        Result notModified = wrk(page, connections, seconds, List.of("If-None-Match: " + etag));
        // A live conversation: every new comment changes the page (its count at least), so each one empties the
        // thread's cached pages on every instance and the next reads go to the database.
        ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger posted = new AtomicInteger();
        String intake = stack.intake().url();
        poster.scheduleAtFixedRate(() -> {
            try {
                postComment(intake, article, COMMENTS + posted.incrementAndGet(), null);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, 0, 1000 / CHURN_PER_SECOND, TimeUnit.MILLISECONDS);
        Result churning;
        try {
            churning = wrk(page, connections, seconds, List.of());
        } finally {
            poster.shutdownNow();
        }

        System.out.printf("%n%d connections, %d s each, wrk with one thread, page cache %s%n%n", connections, seconds,
                cache ? "on" : "OFF (every page read from PostgreSQL)");
        System.out.println("| what                               | answers/s | p50 ms | p90 ms | p99 ms |  max ms | errors |");
        System.out.println("|------------------------------------|----------:|-------:|-------:|-------:|--------:|-------:|");
        System.out.println(new Result("GET /q/health/live (floor)", floor.perSecond(), floor.p50(), floor.p90(),
                floor.p99(), floor.max(), floor.errors()).row());
        System.out.println(new Result("thread page, 50 of 200 (200)", full.perSecond(), full.p50(), full.p90(),
                full.p99(), full.max(), full.errors()).row());
        System.out.println(new Result("same page, If-None-Match (304)", notModified.perSecond(), notModified.p50(),
                notModified.p90(), notModified.p99(), notModified.max(), notModified.errors()).row());
        System.out.println(new Result("same page, %d new comments/s".formatted(CHURN_PER_SECOND), churning.perSecond(),
                churning.p50(), churning.p90(), churning.p99(), churning.max(), churning.errors()).row());
        System.out.printf("%nthread page: %.2f of the floor; 304: %.2f; with new comments arriving: %.2f (same run; %d posted)%n",
                full.perSecond() / floor.perSecond(), notModified.perSecond() / floor.perSecond(),
                churning.perSecond() / floor.perSecond(), posted.get());
    }

    /** 150 top-level comments and 50 replies to them, posted through intake as readers would. */
    private void seed(String intake, String article) throws IOException, InterruptedException {
        System.out.println("posting " + COMMENTS + " comments to " + article);
        List<String> topLevel = new ArrayList<>();
        for (int i = 0; i < COMMENTS; i++) {
            boolean reply = i % 4 == 3;
            String id = postComment(intake, article, i, reply ? topLevel.get(i / 2) : null);
            if (!reply) {
                topLevel.add(id);
            }
        }
    }

    /** Posts comment number {@code n} (a reply when a parent is given) and returns its id. */
    private String postComment(String intake, String article, int n, String parentId)
            throws IOException, InterruptedException {
        String parent = parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"";
        String body = ("{\"site\":\"default\",\"threadUrl\":\"%s\"%s,"
                + "\"author\":{\"name\":\"Reader %d\",\"email\":\"reader%d@example.org\"},"
                + "\"body\":\"Comment %d. The council's budget moves money from road repairs to the new library."
                + "\\n\\nWhere do the figures on page 12 of https://council.example/budget.pdf come from?\"}")
                .formatted(article, parent, n, n, n);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(intake + "/api/v1/comments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("posting comment " + n + " got " + response.statusCode() + ": " + response.body());
        }
        return id.group(1);
    }

    /** Waits until all comments are published and returns the first page's ETag. */
    private String awaitThread(String page) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"count\":" + COMMENTS)) {
                System.out.printf("thread published: %d comments; first page %d bytes, ETag %s%n", COMMENTS,
                        response.body().getBytes(StandardCharsets.UTF_8).length, response.headers().firstValue("ETag").orElse("-"));
                return response.headers().firstValue("ETag").orElseThrow();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the thread did not reach " + COMMENTS + " published comments in 3 minutes");
    }

    /** One wrk run; its latency table and request rate, parsed from its report. */
    private static Result wrk(String url, int connections, int seconds, List<String> headers)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "5s"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + report);
        }
        return new Result(url, number(report, "Requests/sec:\\s+([0-9.]+)"), latency(report, "50%"),
                latency(report, "90%"), latency(report, "99%"), latency(report, "Latency\\s+\\S+\\s+\\S+"),
                (long) (number(report, "Non-2xx or 3xx responses:\\s+([0-9]+)")
                        + number(report, "Socket errors:.*?timeout ([0-9]+)")));
    }

    private static double number(String report, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(report);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** A latency in ms from wrk's "99%  3.21ms" lines, or the max column of its Latency line. */
    private static double latency(String report, String label) {
        Matcher matcher = Pattern.compile(label + "\\s+([0-9.]+)(us|ms|s)\\b").matcher(report);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + label + " in wrk's report:\n" + report);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
