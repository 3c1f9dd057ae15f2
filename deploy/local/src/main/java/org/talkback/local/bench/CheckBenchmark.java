package org.talkback.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.IntFunction;
import org.talkback.local.Database;
import org.talkback.local.ServiceProcess;
import org.talkback.local.TalkbackStack;
import org.talkback.local.bench.IntakeBenchmark.Request;
import org.talkback.local.bench.IntakeBenchmark.Result;

/**
 * Sustained POST /api/v1/checks throughput and latency, with a model trained on the whole YouTube corpus (read from
 * ../shared/corpus/youtube-spam/, learned through submit-spam/submit-ham). Only PostgreSQL and spam-check run;
 * each check is judged and stored with its reasons. In the same run, GET /q/health/live at the same concurrency
 * is the floor of what the HTTP stack alone does here.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.CheckBenchmark [seconds] [connections]</pre>
 */
public final class CheckBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int warmup = Integer.getInteger("warmup.seconds", 60);
        Path repository = TalkbackStack.findRepository();
        java.util.Optional<List<Path>> files = Corpus.files();
        if (files.isEmpty()) {
            return;
        }
        List<Corpus.Comment> comments = new ArrayList<>();
        for (Path file : files.get()) {
            comments.addAll(Corpus.read(file));
        }
        Path work = Files.createTempDirectory("talkback-check-bench");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(repository)
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort());
        System.out.printf("reference CPU task before the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
        try (TalkbackStack stack = TalkbackStack.prepare(options)) {
            ServiceProcess spamCheck = stack.spamCheck();
            spamCheck.start();
            spamCheck.awaitReady(Duration.ofSeconds(90));
            String key = TalkbackStack.LOCAL_DEVELOPMENT_KEY;
            HttpClient http = HttpClient.newHttpClient();
            for (Corpus.Comment comment : comments) {
                String form = "api_key=" + key + "&blog=https%3A%2F%2Fbench.example&user_ip=192.0.2.1&comment_content="
                        + URLEncoder.encode(comment.content(), StandardCharsets.UTF_8);
                http.send(HttpRequest.newBuilder(URI.create(spamCheck.url() + (comment.spam() ? "/1.1/submit-spam" : "/1.1/submit-ham")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            }
            System.out.println("trained on " + comments.size() + " comments of the corpus");
            SpamCheckAdmin admin = new SpamCheckAdmin(spamCheck.url(), stack.secrets().adminPassword());
            System.out.println("the default site's own model: " + admin.awaitModel("default"));
            List<byte[]> bodies = new ArrayList<>();
            for (Corpus.Comment comment : comments) {
                bodies.add(JSON.writeValueAsBytes(Map.of("content", comment.content(),
                        "author", Map.of("name", comment.author()), "userIp", "192.0.2.9", "userAgent", "Mozilla/5.0")));
            }
            String apiKey = "X-Api-Key: " + key + "\r\n";
            IntFunction<Request> check = n -> new Request("POST", "/api/v1/checks", apiKey, bodies.get(n % bodies.size()));
            IntFunction<Request> health = n -> new Request("GET", "/q/health/live", null);
            URI target = URI.create(spamCheck.url());
            IntakeBenchmark.measure(target, "warm-up", connections, 10, health, 200);
            Result floor = IntakeBenchmark.measure(target, "GET /q/health/live (floor)", connections, seconds, health, 200);
            System.out.println("warming up checks for " + warmup + " s (not part of the result)");
            IntakeBenchmark.measure(target, "warm-up", 2, warmup / 2, check, 200);
            IntakeBenchmark.measure(target, "warm-up", connections, warmup - warmup / 2, check, 200);
            System.out.printf("%n%d connections, %d s each%n%n", connections, seconds);
            System.out.println("| what                         |  answers | failed | answers/s | p50 ms | p90 ms | p99 ms |  max ms |");
            System.out.println("|------------------------------|---------:|-------:|----------:|-------:|-------:|-------:|--------:|");
            System.out.println(floor.row());
            CpuMeter.Reading cpuBefore = CpuMeter.read();
            Result checks = IntakeBenchmark.measure(target, "POST /api/v1/checks", connections, seconds, check, 200);
            CpuMeter.Reading cpuAfter = CpuMeter.read();
            System.out.println(checks.row());
            System.out.printf("%nCheck throughput is %.2f of the health-check floor measured in the same run.%n",
                    checks.perSecond() / floor.perSecond());
            // Where the two cores went: spam-check, PostgreSQL, and this load generator, which shares them.
            System.out.print(CpuMeter.describe(cpuBefore, cpuAfter, (int) checks.ok(), "check"));
        }
        System.out.printf("reference CPU task after the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
    }
}
