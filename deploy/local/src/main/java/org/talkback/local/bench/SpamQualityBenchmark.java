package org.talkback.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.talkback.local.Database;
import org.talkback.local.TalkbackStack;

/**
 * How well spam-check judges comments from a video it never saw, trained only through its public API. For each
 * file of the YouTube Spam Collection in ../shared/corpus/youtube-spam/ (Alberto, Lochter and Almeida, TubeSpam,
 * ICMLA 2015), a fresh site is created through publication's admin API with its own key; spam-check learns the
 * other files through Akismet's submit-spam and submit-ham, then judges the held-out file through the native
 * API. Texts are de-duplicated across the split (the collection repeats some), so no held-out comment was learned.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.SpamQualityBenchmark</pre>
 */
public final class SpamQualityBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();


    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path repository = TalkbackStack.findRepository();
        Optional<List<Path>> found = Corpus.files();
        if (found.isEmpty()) {
            return;
        }
        List<Path> files = found.get();
        Path work = Files.createTempDirectory("talkback-quality");
        TalkbackStack.Options options = TalkbackStack.Options.defaults(repository)
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort());
        try (TalkbackStack stack = TalkbackStack.start(options)) {
            SpamQualityBenchmark bench = new SpamQualityBenchmark();
            bench.table(stack, files, Pass.DISTINCT, null);
            System.out.println();
            System.out.print(bench.calibration());
            // The same, as a site in operation: moderators decide what was held, and the filter learns from it.
            bench.table(stack, files, Pass.MODERATED, "With the moderators deciding each unsure comment as it arrives "
                    + "(its true label sent through /api/v1/feedback), on fresh sites:");
            // The tables above judge each distinct text once. A site receives the repeats too (the same text from
            // many accounts is how a campaign looks), and the issue asks only that no text be both learned and judged.
            bench.table(stack, files, Pass.REPEATS_KEPT, "Judging the held-out file with its repeats (each text the "
                    + "training files hold removed, no moderators), on fresh sites:");
            bench.table(stack, files, Pass.REPEATS_KEPT_MODERATED,
                    "The same, with the moderators deciding each unsure comment as it arrives:");
        }
    }

    /** One pass over every file held out in turn, as a Markdown table under its introduction. */
    void table(TalkbackStack stack, List<Path> files, Pass pass, String introduction) throws Exception {
        if (introduction != null) {
            System.out.println();
            System.out.println(introduction);
            System.out.println();
        }
        System.out.println("| held out | ham | spam | spam caught | ham judged spam | spam judged ham | unsure "
                + "| accuracy (definite) | F1 | MCC |" + (pass.moderated() ? " unsure in the second half |" : ""));
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (pass.moderated() ? "---:|" : ""));
        for (Path heldOut : files) {
            System.out.println(fold(stack, files, heldOut, pass));
        }
    }

    /** Every held-out check's score with whether it was spam: is a score of 0.8 spam four times in five? */
    private final List<double[]> scored = new ArrayList<>();

    String calibration() {
        double[] edges = {0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 1.0000001};
        StringBuilder out = new StringBuilder("| score | checks | mean score | share that was spam |\n|---|---:|---:|---:|\n");
        double brier = 0;
        for (double[] check : scored) {
            brier += (check[0] - check[1]) * (check[0] - check[1]);
        }
        for (int bin = 0; bin + 1 < edges.length; bin++) {
            double low = edges[bin];
            double high = edges[bin + 1];
            List<double[]> in = scored.stream().filter(check -> check[0] >= low && check[0] < high).toList();
            if (!in.isEmpty()) {
                out.append(String.format(Locale.ROOT, "| %.2f–%.2f | %d | %.2f | %.2f |%n", low, Math.min(1, high), in.size(),
                        in.stream().mapToDouble(check -> check[0]).average().orElse(0),
                        in.stream().mapToDouble(check -> check[1]).average().orElse(0)));
            }
        }
        return out.append(String.format(Locale.ROOT, "%nBrier score over the held-out checks: %.3f (0 is perfect; "
                + "always answering 0.5 scores 0.25)%n", brier / Math.max(1, scored.size()))).toString();
    }

    /** How a held-out file is judged. */
    enum Pass {
        /** Each distinct text once; nothing learned while judging. */
        DISTINCT,
        /**
         * Each distinct text once; each comment the filter sent to the moderators is decided by them (its true label,
         * fed back) before the next is checked, as on a site in operation. Counted are the filter's first verdicts.
         */
        MODERATED,
        /** Every comment of the file, repeats too, except the texts the training files hold; nothing learned. */
        REPEATS_KEPT,
        /** Every comment as in REPEATS_KEPT, each unsure one decided by the moderators as in MODERATED. */
        REPEATS_KEPT_MODERATED;

        boolean moderated() {
            return this == MODERATED || this == REPEATS_KEPT_MODERATED;
        }

        boolean repeatsKept() {
            return this == REPEATS_KEPT || this == REPEATS_KEPT_MODERATED;
        }
    }

    /** Trains a fresh site on the other files and judges the held-out one. */
    String fold(TalkbackStack stack, List<Path> files, Path heldOut, Pass pass) throws Exception {
        boolean moderated = pass.moderated();
        String name = heldOut.getFileName().toString().replace(".csv", "");
        String site = "quality-" + pass.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String key = "qualitykey" + site.replaceAll("[^a-z0-9]", "");
        createSite(stack, site, key);
        Set<String> seen = new HashSet<>();
        List<Corpus.Comment> training = new ArrayList<>();
        for (Path file : files) {
            if (!file.equals(heldOut)) {
                Corpus.read(file).stream().filter(c -> seen.add(Corpus.fingerprint(c.content()))).forEach(training::add);
            }
        }
        Set<String> trainedOn = Set.copyOf(seen);
        List<Corpus.Comment> test = Corpus.read(heldOut).stream().filter(c -> pass.repeatsKept()
                ? !trainedOn.contains(Corpus.fingerprint(c.content())) : seen.add(Corpus.fingerprint(c.content()))).toList();
        String spamCheck = stack.spamCheck().url();
        // Each comment from its own address (the collection has none), its author known by name as an email.
        int address = 0;
        for (Corpus.Comment comment : training) {
            post(spamCheck + (comment.spam() ? "/1.1/submit-spam" : "/1.1/submit-ham"), form(Map.of("api_key", key,
                    "blog", "https://bench.example", "user_ip", addressOf(address++), "comment_author", comment.author(),
                    "comment_author_email", emailOf(comment), "comment_content", comment.content())),
                    "application/x-www-form-urlencoded");
        }
        new SpamCheckAdmin(spamCheck, stack.secrets().adminPassword()).awaitModel(site);
        int[][] confusion = new int[2][3]; // [actual spam?][ham, unsure, spam]
        int checked = 0;
        int unsureLater = 0;
        for (Corpus.Comment comment : test) {
            String body = JSON.writeValueAsString(Map.of("content", comment.content(),
                    "author", Map.of("name", comment.author(), "email", emailOf(comment)), "userIp", addressOf(address++)));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(spamCheck + "/api/v1/checks"))
                    .header("Content-Type", "application/json").header("X-Api-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode judged = JSON.readTree(answer.body());
            String verdict = judged.path("verdict").asText();
            if (pass == Pass.DISTINCT) {
                scored.add(new double[] {judged.path("score").asDouble(), comment.spam() ? 1 : 0});
            } else if (moderated && verdict.equals("unsure")) {
                unsureLater += checked >= test.size() / 2 ? 1 : 0;
                String decision = JSON.writeValueAsString(Map.of("checkId", judged.path("checkId").asText(),
                        "label", comment.spam() ? "spam" : "ham"));
                HttpResponse<String> learned = http.send(HttpRequest.newBuilder(URI.create(spamCheck + "/api/v1/feedback"))
                        .header("Content-Type", "application/json").header("X-Api-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(decision)).build(), HttpResponse.BodyHandlers.ofString());
                if (learned.statusCode() != 202) {
                    throw new IllegalStateException("feedback refused: " + learned.statusCode() + " " + learned.body());
                }
            }
            confusion[comment.spam() ? 1 : 0][switch (verdict) {
                case "ham" -> 0;
                case "unsure" -> 1;
                default -> 2;
            }]++;
            checked++;
        }
        return row(name, confusion) + (moderated ? String.format(Locale.ROOT, " %.1f %% |",
                100.0 * unsureLater / (test.size() - test.size() / 2)) : "");
    }

    static String row(String name, int[][] c) {
        int ham = c[0][0] + c[0][1] + c[0][2];
        int spam = c[1][0] + c[1][1] + c[1][2];
        double tp = c[1][2];
        double fp = c[0][2];
        double tn = c[0][0];
        double fn = c[1][0];
        double definite = tp + fp + tn + fn;
        double f1 = 2 * tp / Math.max(1, 2 * tp + fp + fn);
        double mccDenominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        double mcc = mccDenominator == 0 ? 0 : (tp * tn - fp * fn) / mccDenominator;
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.3f | %.3f |",
                name, ham, spam, 100.0 * tp / spam, 100.0 * fp / ham, 100.0 * fn / spam,
                100.0 * (c[0][1] + c[1][1]) / (ham + spam), 100.0 * (tp + tn) / Math.max(1, definite), f1, mcc);
    }

    private static String addressOf(int n) {
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** The author's name as a mailbox, so that the same name is the same author; unique when the name is empty. */
    private static String emailOf(Corpus.Comment comment) {
        String name = comment.author().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", ".")
                .replaceAll("^\\.|\\.$", "");
        return (name.isEmpty() ? "nameless." + Integer.toHexString(comment.content().hashCode()) : name) + "@readers.example";
    }

    private void createSite(TalkbackStack stack, String site, String key) throws Exception {
        String settings = JSON.writeValueAsString(Map.of("site", site, "moderationMode", "post",
                "akismetKeys", List.of(key)));
        String credentials = Base64.getEncoder().encodeToString(
                ("admin:" + stack.secrets().adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create(stack.publication().url() + "/api/v1/admin/sites/" + site))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + credentials)
                .PUT(HttpRequest.BodyPublishers.ofString(settings)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("creating " + site + ": " + created.statusCode() + " " + created.body());
        }
        // The key reaches spam-check with SiteConfigured, through the outbox.
        for (int attempt = 0; attempt < 100; attempt++) {
            String answer = post(stack.spamCheck().url() + "/1.1/verify-key",
                    form(Map.of("key", key, "blog", "https://bench.example")), "application/x-www-form-urlencoded");
            if (answer.equals("valid")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("spam-check never learned the key of " + site);
    }

    private String post(String url, String body, String contentType) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
