package org.talkback.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.talkback.local.Database;
import org.talkback.local.TalkbackStack;

/**
 * A newsroom moving in: a Disqus export of N comments (made from the labelled corpus: its texts, spam marked as
 * spam, one in three a reply, one in fifty deleted, 100 comments per article) is uploaded to publication's import
 * API while widgets keep posting, and the benchmark reports how long until the import is done (every comment
 * visible to readers), the widgets' latency from POST to visible during the import against the same rate just
 * before it (the baseline of this run), how long intake and spam-check took to receive the imported batches, and
 * CPU per process. Services run with the launcher's -Xmx512m.
 *
 * <pre>java -cp deploy/local/target/talkback-local.jar org.talkback.local.bench.ImportBenchmark [comments] [widget rate/s]</pre>
 */
public final class ImportBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_THREAD = 100;

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int comments = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int widgetRate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Corpus.Comment> corpus = new ArrayList<>();
        for (Path file : Corpus.files().orElseThrow(() -> new IllegalStateException(
                "the corpus is not beside the checkout (../shared/corpus/youtube-spam)"))) {
            corpus.addAll(Corpus.read(file));
        }
        Path work = Files.createTempDirectory("talkback-import");
        Path export = work.resolve("disqus-export.xml");
        writeDisqusExport(export, comments, corpus);
        System.out.printf("export: %,d comments, %,d bytes (%s)%n", comments, Files.size(export), export);

        System.out.printf("reference CPU task before the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                .withEnvironment(Map.of("TALKBACK_ABUSE_LIMITS", "false"));
        System.out.println("starting the stack (logs in " + work.resolve("logs") + ") ...");
        try (TalkbackStack stack = TalkbackStack.start(options)) {
            PipelineBenchmark widgets = new PipelineBenchmark(stack.intake().url(), stack.publication().url());
            System.out.println("  warm-up " + widgets.run(50, 60).row());
            PipelineBenchmark.Result before = widgets.run(widgetRate, 30);

            HttpClient http = HttpClient.newHttpClient();
            String jobs = stack.publication().url() + "/api/v1/admin/sites/default/imports";
            String authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + stack.secrets().adminPassword())
                    .getBytes(StandardCharsets.UTF_8));
            CpuMeter.Reading cpuBefore = CpuMeter.read();
            long start = System.nanoTime();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(jobs + "?format=disqus"))
                    .header("Authorization", authorization).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(export)).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("import refused: " + started.statusCode() + " " + started.body());
            }
            double uploaded = (System.nanoTime() - start) / 1e9;
            String id = JSON.readTree(started.body()).path("id").asText();
            // Widgets post all through the import; their run is cut at the import's end below.
            CompletableFuture<PipelineBenchmark.Result> during = CompletableFuture.supplyAsync(() -> {
                try {
                    return widgets.run(widgetRate, 600);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode job;
            do {
                Thread.sleep(500);
                job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(jobs + "/" + id))
                        .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            } while ("running".equals(job.path("state").asText()));
            double done = (System.nanoTime() - start) / 1e9;
            widgets.stop();
            String cpu = CpuMeter.describe(cpuBefore, CpuMeter.read(), comments, "imported comment");
            double delivered = awaitDelivered(stack.database(), start);
            PipelineBenchmark.Result meanwhile = during.get();

            System.out.println();
            System.out.println("| comments | state | upload s | imported and visible s | comments/s | intake and spam-check have them s |");
            System.out.println("|---:|---|---:|---:|---:|---:|");
            System.out.printf("| %,d | %s | %.1f | %.1f | %.0f | %.1f |%n", comments, job.path("state").asText(), uploaded,
                    done, comments / done, delivered);
            System.out.println("  counts " + job.path("counts") + " reasons " + job.path("reasons"));
            System.out.print(cpu);
            System.out.println("widgets posting at " + widgetRate + "/s, POST to visible:");
            System.out.println("| when | sent | visible | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (var row : List.of(Map.entry("before the import (baseline)", before), Map.entry("during the import", meanwhile))) {
                PipelineBenchmark.Result r = row.getValue();
                System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", row.getKey(), r.sent(), r.visible(), r.p50(),
                        r.p90(), r.p99(), r.max());
            }
        }
        System.out.printf("reference CPU task after the run: %d ms%n", PipelineBenchmark.referenceTaskMillis());
    }

    /** Seconds from the upload's start until no CommentsImported delivery is left for intake or spam-check. */
    private static double awaitDelivered(Database database, long start) throws Exception {
        while (true) {
            long left;
            try (var connection = DriverManager.getConnection(database.urlOf("talkback_publication"), database.user(),
                    database.password()); var statement = connection.createStatement();
                    var rows = statement.executeQuery("""
                            select count(*) from outbox_delivery d join outbox o on o.id = d.event_id
                             where o.type = 'CommentsImported'""")) {
                rows.next();
                left = rows.getLong(1);
            }
            if (left == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(500);
        }
    }

    /** A Disqus export as Disqus writes one: threads first, then posts, replies after their parents. */
    static void writeDisqusExport(Path file, int comments, List<Corpus.Comment> corpus) throws IOException, XMLStreamException {
        Random random = new Random(20261201);
        String dsq = "http://disqus.com/disqus-internals";
        int threads = (comments + PER_THREAD - 1) / PER_THREAD;
        Instant epoch = Instant.parse("2016-01-01T00:00:00Z");
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("disqus");
            xml.writeDefaultNamespace("http://disqus.com");
            xml.writeNamespace("dsq", dsq);
            for (int t = 0; t < threads; t++) {
                xml.writeStartElement("thread");
                xml.writeAttribute("dsq", dsq, "id", String.valueOf(1_000_000 + t));
                element(xml, "link", "https://archive.example/" + (2016 + t / 5000) + "/article-" + t);
                element(xml, "title", "Archive article " + t);
                element(xml, "createdAt", epoch.plusSeconds(3600L * t).toString());
                xml.writeEndElement();
            }
            for (int n = 0; n < comments; n++) {
                Corpus.Comment comment = corpus.get(random.nextInt(corpus.size()));
                int thread = n / PER_THREAD;
                xml.writeStartElement("post");
                xml.writeAttribute("dsq", dsq, "id", String.valueOf(5_000_000 + n));
                element(xml, "message", "<p>" + escapeForHtml(comment.content()) + "</p>");
                element(xml, "createdAt", epoch.plusSeconds(3600L * thread + 30L * (n % PER_THREAD)).toString());
                element(xml, "isDeleted", String.valueOf(random.nextInt(50) == 0));
                element(xml, "isSpam", String.valueOf(comment.spam()));
                xml.writeStartElement("author");
                element(xml, "email", "reader" + random.nextInt(20_000) + "@example.org");
                element(xml, "name", comment.author().isBlank() ? "Reader" : comment.author());
                element(xml, "isAnonymous", "false");
                xml.writeEndElement();
                element(xml, "ipAddress", "198.51." + random.nextInt(256) + "." + random.nextInt(256));
                xml.writeEmptyElement("thread");
                xml.writeAttribute("dsq", dsq, "id", String.valueOf(1_000_000 + thread));
                if (n % PER_THREAD > 0 && random.nextInt(3) == 0) {
                    int parent = n - 1 - random.nextInt(n % PER_THREAD);
                    xml.writeEmptyElement("parent");
                    xml.writeAttribute("dsq", dsq, "id", String.valueOf(5_000_000 + parent));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String escapeForHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
