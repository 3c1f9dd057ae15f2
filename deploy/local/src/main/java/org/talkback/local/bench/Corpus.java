package org.talkback.local.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.talkback.local.TalkbackStack;

/**
 * The labelled comments beside the checkout: ../shared/corpus/youtube-spam, the YouTube Spam Collection (Alberto,
 * Lochter and Almeida, TubeSpam: Comment Spam Filtering on YouTube, IEEE ICMLA 2015), never copied into the
 * repository. Each file is COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS in RFC 4180 (a quoted field may span lines).
 */
final class Corpus {

    record Comment(String content, String author, boolean spam) {
    }

    private Corpus() {
    }

    /** The corpus's CSV files, sorted, or empty (with a message) when it is not beside the checkout. */
    static Optional<List<Path>> files() throws IOException {
        Path corpus = TalkbackStack.findRepository().toAbsolutePath().getParent().resolve("shared/corpus/youtube-spam");
        if (!Files.isDirectory(corpus)) {
            System.out.println("skipped: no corpus at " + corpus + " (it lives beside the checkout, never in it)");
            return Optional.empty();
        }
        try (var listing = Files.list(corpus)) {
            return Optional.of(listing.filter(p -> p.toString().endsWith(".csv")).sorted().toList());
        }
    }

    static List<Comment> read(Path file) throws IOException {
        List<Comment> comments = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                comments.add(new Comment(row.get("CONTENT"), row.get("AUTHOR"), row.get("CLASS").strip().equals("1")));
            }
        }
        return comments;
    }

    /** The same comment, whatever its case, spacing or invisible characters (the collection has U+FEFF tails). */
    static String fingerprint(String content) {
        return Normalizer.normalize(content, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "")
                .replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
