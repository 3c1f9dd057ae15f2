package org.talkback.spamcheck.service.learning;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The labelled comments beside the checkout (../shared/corpus/youtube-spam, the YouTube Spam Collection: Alberto,
 * Lochter and Almeida, ICMLA 2015), never a copy in the repository: a test that needs them says so when they are
 * not there.
 */
final class Corpus {
    record Comment(String content, boolean spam) {
    }

    private Corpus() {
    }

    static Optional<Path> folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolve("shared/corpus/youtube-spam");
            if (Files.isDirectory(corpus)) {
                return Optional.of(corpus);
            }
        }
        return Optional.empty();
    }

    /** Every file's comments, each text once (the collection repeats some; a split must not leak them). */
    static List<Comment> distinct(Path folder) throws IOException {
        Map<String, Comment> byText = new LinkedHashMap<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                        String content = row.get("CONTENT");
                        byText.putIfAbsent(fingerprint(content), new Comment(content, row.get("CLASS").strip().equals("1")));
                    }
                }
            }
        }
        return new ArrayList<>(byText.values());
    }

    /** One file's comments, each text once. */
    static List<Comment> distinct1(Path file) throws IOException {
        Map<String, Comment> byText = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String content = row.get("CONTENT");
                byText.putIfAbsent(fingerprint(content), new Comment(content, row.get("CLASS").strip().equals("1")));
            }
        }
        return new ArrayList<>(byText.values());
    }

    static List<Comment> shuffled(List<Comment> comments, long seed) {
        List<Comment> copy = new ArrayList<>(comments);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    private static String fingerprint(String content) {
        return Normalizer.normalize(content, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "").replaceAll("\\s+", " ")
                .strip().toLowerCase(Locale.ROOT);
    }
}
