package org.talkback.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.talkback.local.Database;
import org.talkback.local.TalkbackStack;

/**
 * How spam-check learns a site: a fresh site learns 100, 300, 1,000 and 3,000 labelled comments (as many as there
 * are) through POST /api/v1/feedback, waits for its own model to be fitted, then judges comments it never saw through
 * POST /api/v1/checks. Two situations, as a site lives in both: its own kind of traffic (the corpus shuffled, 70 %
 * to learn from and 30 % judged) and new traffic (learned on two of the corpus's videos, judged on the third).
 *
 * <p>Binary MCC counts unsure as not published: the reader's view, where spam must not show and ham should.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.LearningCurveBenchmark</pre>
 */
public final class LearningCurveBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] SIZES = {100, 300, 1000, 3000};
    private static final int JUDGES = 8;

    private final HttpClient http = HttpClient.newHttpClient();
    private TalkbackStack stack;
    private int sites;

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Optional<List<Path>> files = Corpus.files();
        if (files.isEmpty()) {
            return;
        }
        Path work = Files.createTempDirectory("talkback-learning");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort());
        try (TalkbackStack stack = TalkbackStack.start(options)) {
            LearningCurveBenchmark bench = new LearningCurveBenchmark();
            bench.stack = stack;
            // Its own traffic: every distinct comment of the corpus, shuffled once, 70 % learned, 30 % judged.
            List<Corpus.Comment> all = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Path file : files.get()) {
                Corpus.read(file).stream().filter(c -> seen.add(Corpus.fingerprint(c.content()))).forEach(all::add);
            }
            Collections.shuffle(all, new Random(7));
            int cut = all.size() * 7 / 10;
            bench.curve("Its own kind of traffic: the corpus shuffled, learned from the first 70 %, judged on the rest",
                    all.subList(0, cut), all.subList(cut, all.size()));
            // New traffic: learned on two videos, judged on the third.
            for (Path heldOut : files.get()) {
                Set<String> trained = new HashSet<>();
                List<Corpus.Comment> learn = new ArrayList<>();
                for (Path file : files.get()) {
                    if (!file.equals(heldOut)) {
                        Corpus.read(file).stream().filter(c -> trained.add(Corpus.fingerprint(c.content()))).forEach(learn::add);
                    }
                }
                Collections.shuffle(learn, new Random(11));
                List<Corpus.Comment> judge = Corpus.read(heldOut).stream()
                        .filter(c -> trained.add(Corpus.fingerprint(c.content()))).toList();
                bench.curve("New traffic: learned from the other two videos, judged on "
                        + heldOut.getFileName().toString().replace(".csv", ""), learn, judge);
            }
        }
    }

    void curve(String title, List<Corpus.Comment> learn, List<Corpus.Comment> judge) throws Exception {
        System.out.printf("%n%s (%d to learn from, %d judged)%n%n", title, learn.size(), judge.size());
        System.out.println("| learned | thresholds | unsure | ham judged spam | spam judged ham | accuracy (definite) | binary MCC | checks/s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (int size : SIZES) {
            int n = Math.min(size, learn.size());
            System.out.println(row(learn.subList(0, n), judge));
            if (n == learn.size()) {
                return;
            }
        }
    }

    private String row(List<Corpus.Comment> learn, List<Corpus.Comment> judge) throws Exception {
        String site = "curve-" + (++sites);
        String key = "curvekey" + sites + "x" + Long.toHexString(System.nanoTime());
        createSite(site, key);
        String spamCheck = stack.spamCheck().url();
        int address = 0;
        for (Corpus.Comment comment : learn) {
            send(spamCheck + "/api/v1/feedback", key, Map.of("content", comment.content(), "label",
                    comment.spam() ? "spam" : "ham", "userIp", "10.1." + (address / 250) + "." + (address++ % 250 + 1)), 202);
        }
        SpamCheckAdmin admin = new SpamCheckAdmin(spamCheck, stack.secrets().adminPassword());
        admin.awaitModel(site);
        JsonNode settings = admin.settings(site);
        // [actual spam?][ham, unsure, spam]
        int[][] confusion = new int[2][3];
        long started = System.nanoTime();
        ExecutorService judges = Executors.newFixedThreadPool(JUDGES);
        try {
            List<Future<String>> verdicts = new ArrayList<>();
            for (int i = 0; i < judge.size(); i++) {
                Corpus.Comment comment = judge.get(i);
                String userIp = "10.2." + (i / 250) + "." + (i % 250 + 1);
                verdicts.add(judges.submit(() -> JSON.readTree(send(spamCheck + "/api/v1/checks", key, Map.of(
                        "content", comment.content(), "author", Map.of("name", comment.author()), "userIp", userIp), 200))
                        .path("verdict").asText()));
            }
            for (int i = 0; i < judge.size(); i++) {
                String verdict = verdicts.get(i).get();
                confusion[judge.get(i).spam() ? 1 : 0][verdict.equals("ham") ? 0 : verdict.equals("unsure") ? 1 : 2]++;
            }
        } finally {
            judges.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int ham = confusion[0][0] + confusion[0][1] + confusion[0][2];
        int spam = confusion[1][0] + confusion[1][1] + confusion[1][2];
        double definite = confusion[0][0] + confusion[0][2] + confusion[1][0] + confusion[1][2];
        // Binary: published (ham) or not (unsure, spam); spam is the positive class.
        double tp = confusion[1][1] + confusion[1][2];
        double fn = confusion[1][0];
        double tn = confusion[0][0];
        double fp = confusion[0][1] + confusion[0][2];
        double denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        double mcc = denominator == 0 ? 0 : (tp * tn - fp * fn) / denominator;
        return String.format(Locale.ROOT, "| %d | %s | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.3f | %.0f |", learn.size(),
                settings.path("thresholds").asText(), 100.0 * (confusion[0][1] + confusion[1][1]) / (ham + spam),
                100.0 * confusion[0][2] / ham, 100.0 * confusion[1][0] / spam,
                100.0 * (confusion[0][0] + confusion[1][2]) / Math.max(1, definite), mcc, judge.size() / seconds);
    }

    private String send(String url, String key, Map<String, Object> body, int expected) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("X-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private void createSite(String site, String key) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(
                ("admin:" + stack.secrets().adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create(stack.publication().url() + "/api/v1/admin/sites/" + site))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + credentials)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("akismetKeys", List.of(key)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("creating " + site + ": " + created.statusCode() + " " + created.body());
        }
        // The key reaches spam-check with SiteConfigured, through the outbox.
        for (int attempt = 0; attempt < 200; attempt++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.spamCheck().url() + "/1.1/verify-key"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("key=" + key + "&blog=https%3A%2F%2Fbench.example")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.body().equals("valid")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("spam-check never learned the key of " + site);
    }
}
