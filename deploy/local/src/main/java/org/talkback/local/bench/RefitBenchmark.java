package org.talkback.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.talkback.local.Database;
import org.talkback.local.ServiceProcess;
import org.talkback.local.TalkbackStack;
import org.talkback.local.bench.IntakeBenchmark.Request;
import org.talkback.local.bench.IntakeBenchmark.Result;

/**
 * A site with a hundred thousand learned examples: how long its model takes to refit, with spam-check limited to a
 * 256 MB heap, and what checks cost while it refits (a refit runs in the background and must never block them).
 * The examples are the corpus's comments, each made distinct by a few words drawn at random, learned through
 * POST /api/v1/feedback on the default site.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.RefitBenchmark [examples]</pre>
 */
public final class RefitBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = ("council library budget vote road school river market bridge harbour "
            + "minutes meeting mayor residents planning bus clinic flood park festival").split(" ");

    /** The heap spam-check uses now, from its Prometheus metrics (every heap pool's jvm_memory_used_bytes). */
    static long heapUsed(HttpClient http, String service) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return 0;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int examples = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Optional<List<Path>> files = Corpus.files();
        if (files.isEmpty()) {
            return;
        }
        List<Corpus.Comment> corpus = new ArrayList<>();
        for (Path file : files.get()) {
            corpus.addAll(Corpus.read(file));
        }
        Path work = Files.createTempDirectory("talkback-refit");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                .withJvmOptions(List.of("-Xmx256m"));
        try (TalkbackStack stack = TalkbackStack.prepare(options)) {
            ServiceProcess spamCheck = stack.spamCheck();
            spamCheck.start();
            spamCheck.awaitReady(Duration.ofSeconds(90));
            String key = TalkbackStack.LOCAL_DEVELOPMENT_KEY;
            HttpClient http = HttpClient.newHttpClient();
            long started = System.nanoTime();
            ExecutorService teachers = Executors.newFixedThreadPool(8);
            List<Future<?>> taught = new ArrayList<>();
            AtomicLong failed = new AtomicLong();
            for (int t = 0; t < 8; t++) {
                int teacher = t;
                taught.add(teachers.submit(() -> {
                    Random random = new Random(teacher);
                    for (int i = teacher; i < examples; i += 8) {
                        Corpus.Comment comment = corpus.get(i % corpus.size());
                        StringBuilder text = new StringBuilder(comment.content()).append(' ');
                        for (int w = 0; w < 4; w++) {
                            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                        }
                        text.append(i);
                        try {
                            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(spamCheck.url() + "/api/v1/feedback"))
                                    .header("Content-Type", "application/json").header("X-Api-Key", key)
                                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content",
                                            text.toString(), "label", comment.spam() ? "spam" : "ham"))))
                                    .build(), HttpResponse.BodyHandlers.discarding());
                            if (answer.statusCode() != 202) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : taught) {
                future.get();
            }
            teachers.shutdown();
            System.out.printf("learned %d examples in %.0f s (%d failed)%n", examples,
                    (System.nanoTime() - started) / 1e9, failed.get());
            SpamCheckAdmin admin = new SpamCheckAdmin(spamCheck.url(), stack.secrets().adminPassword());
            System.out.println("its model: " + admin.awaitModel("default"));

            // Checks while nothing refits, then while a refit runs (one more example starts one).
            List<byte[]> bodies = new ArrayList<>();
            for (Corpus.Comment comment : corpus) {
                bodies.add(JSON.writeValueAsBytes(Map.of("content", comment.content(), "userIp", "192.0.2.9")));
            }
            IntFunction<Request> check = n -> new Request("POST", "/api/v1/checks", "X-Api-Key: " + key + "\r\n",
                    bodies.get(n % bodies.size()));
            URI target = URI.create(spamCheck.url());
            IntakeBenchmark.measure(target, "warm-up", 4, 20, check, 200);
            Result quiet = IntakeBenchmark.measure(target, "checks, no refit", 4, 10, check, 200);
            AtomicBoolean refitting = new AtomicBoolean(true);
            Thread refit = new Thread(() -> {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(spamCheck.url() + "/api/v1/feedback"))
                            .header("Content-Type", "application/json").header("X-Api-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"one more example, to refit\",\"label\":\"ham\"}"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    System.out.println("refitted: " + admin.awaitModel("default"));
                } catch (Exception e) {
                    System.out.println("refit: " + e);
                } finally {
                    refitting.set(false);
                }
            });
            refit.start();
            AtomicLong mostHeap = new AtomicLong();
            Thread heapWatch = new Thread(() -> {
                while (refitting.get()) {
                    mostHeap.accumulateAndGet(heapUsed(http, spamCheck.url()), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            heapWatch.start();
            Result during = IntakeBenchmark.measure(target, "checks during the refit", 4, 10, check, 200);
            refit.join();
            heapWatch.join();
            System.out.printf("most heap in use while refitting (of a 256 MB heap): %d MB%n", mostHeap.get() >> 20);
            System.out.println("| what                         |  answers | failed | answers/s | p50 ms | p90 ms | p99 ms |  max ms |");
            System.out.println("|------------------------------|---------:|-------:|----------:|-------:|-------:|-------:|--------:|");
            System.out.println(quiet.row());
            System.out.println(during.row());
        }
    }
}
