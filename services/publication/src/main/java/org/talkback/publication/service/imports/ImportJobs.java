package org.talkback.publication.service.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.model.ImportJob;
import org.talkback.publication.model.SiteSettings;
import org.talkback.publication.repository.ImportJobRepository;
import org.talkback.publication.service.sites.SiteAdministration;
import org.talkback.publication.service.sites.SiteDirectory;

/**
 * Imports of other systems' exports. The upload is copied to a file as it arrives (never held in memory) and the
 * admin gets the job's id at once; the job then reads the file twice, as a stream: first only to check it
 * (well-formed, the right format, nothing hostile), so that a broken or truncated file fails before anything
 * is shown, then to import it in batches ({@link ImportBatches}). Jobs run one at a time per instance, off the
 * paths widgets use.
 */
@ApplicationScoped
public class ImportJobs {
    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    public static final List<String> FORMATS = List.of("disqus", "wordpress", "talkback");
    /** Notes shown with a job; all are counted in its reasons. */
    private static final int NOTES_SHOWN = 200;
    /** A running job writes progress every batch; this long without any, its instance has stopped. */
    private static final long STALE_SECONDS = 120;
    /** Batches are cut at this many characters of text too, so a delivery of them stays well under receivers' limits. */
    private static final int BATCH_CHARACTERS = 1_000_000;

    private final PublicationConfig.Imports config;
    private final ImportJobRepository jobs;
    private final ImportBatches batches;
    private final SiteAdministration sites;
    private final ObjectMapper json;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "talkback-import");
        thread.setDaemon(true);
        return thread;
    });

    public ImportJobs(PublicationConfig config, ImportJobRepository jobs, ImportBatches batches,
            SiteAdministration sites, ObjectMapper json) {
        this.config = config.imports();
        this.jobs = jobs;
        this.batches = batches;
        this.sites = sites;
        this.json = json;
    }

    /** What the admin asked for. */
    public record Request(String siteId, String format, boolean pingbacks, String admin) {
    }

    /** Takes the upload and starts the job; the answer comes before the import is done. */
    public ImportJob start(Request request, InputStream upload) {
        String format = request.format() == null ? "" : request.format().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw ProblemException.badRequest("format must be one of " + String.join(", ", FORMATS) + ".");
        }
        SiteSettings site = sites.find(request.siteId()).orElseThrow(() -> SiteDirectory.unknown(request.siteId()));
        Path file = spool(upload);
        UUID id = UUID.randomUUID();
        try {
            created(id, request.siteId(), format, request.admin(), Files.size(file));
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        Request normalized = new Request(request.siteId(), format, request.pingbacks(), request.admin());
        runner.submit(() -> run(id, normalized, site.maxReplyDepth(), file));
        return find(request.siteId(), id).orElseThrow();
    }

    @Transactional
    void created(UUID id, String siteId, String format, String admin, long bytes) {
        jobs.create(id, siteId, format, admin, bytes);
    }

    @Transactional
    public Optional<ImportJob> find(String siteId, UUID id) {
        return jobs.find(siteId, id, NOTES_SHOWN, STALE_SECONDS);
    }

    private Path spool(InputStream upload) {
        Path file;
        try {
            Path directory = config.directory().map(Path::of)
                    .orElse(Path.of(System.getProperty("java.io.tmpdir"), "talkback-imports"));
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "import-", ".upload");
        } catch (IOException e) {
            throw new IllegalStateException("no room for the upload: " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(file); InputStream in = new Limited(upload, config.maxBytes())) {
            in.transferTo(out);
            return file;
        } catch (TooLarge e) {
            delete(file);
            throw new ProblemException(413, "Content Too Large",
                    "The file is larger than this server's import limit of " + config.maxBytes() + " bytes.", List.of());
        } catch (IOException e) {
            delete(file);
            throw ProblemException.badRequest("The upload broke off: " + e.getMessage());
        }
    }

    private void run(UUID id, Request request, int maxReplyDepth, Path file) {
        try {
            ExportReader reader = reader(request);
            Limited checked = open(file, new long[1]);
            readWithin(reader, checked, new CheckingSink());
            importFile(id, request, maxReplyDepth, file, reader);
            batches.finish(id, ImportJob.DONE, null);
        } catch (ImportFailure failure) {
            LOG.infof("import %s failed: %s (line %d, column %d)", id, failure.getMessage(), failure.line(),
                    failure.column());
            batches.finish(id, ImportJob.FAILED, new ImportJob.Failure(failure.getMessage(),
                    failure.line() > 0 ? failure.line() : null, failure.column() > 0 ? failure.column() : null));
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "import %s failed", id);
            batches.finish(id, ImportJob.FAILED, new ImportJob.Failure("the import stopped: " + e, null, null));
        } finally {
            delete(file);
        }
    }

    private void importFile(UUID id, Request request, int maxReplyDepth, Path file, ExportReader reader)
            throws ImportFailure, IOException {
        long[] position = new long[1];
        ImportReport report = new ImportReport();
        Batching batching = new Batching(id, request, report, position);
        ImportPlanner planner = new ImportPlanner(request.siteId(), request.format(), maxReplyDepth, Instant.now(),
                report, batching::add);
        readWithin(reader, open(file, position), planner);
        planner.finish();
        batching.flush();
    }

    /** Reads the file; a parser error caused by the size limit is reported as what it is. */
    private void readWithin(ExportReader reader, Limited content, ExportSink sink) throws ImportFailure {
        try {
            reader.read(content, sink);
        } catch (ImportFailure failure) {
            if (content.exceeded()) {
                throw new ImportFailure("the file is larger than this server's import limit of " + config.maxBytes()
                        + " bytes once decompressed", failure.line(), failure.column());
            }
            throw failure;
        }
    }

    /** Gathers placed comments into batches and writes each as it fills. */
    private final class Batching {
        private final UUID id;
        private final Request request;
        private final ImportReport report;
        private final long[] position;
        private final List<ImportedComment> batch = new ArrayList<>();
        private int characters;
        private int number;
        private int notesWritten;

        Batching(UUID id, Request request, ImportReport report, long[] position) {
            this.id = id;
            this.request = request;
            this.report = report;
            this.position = position;
        }

        void add(ImportedComment comment) {
            batch.add(comment);
            characters += comment.body().length() + 200;
            if (batch.size() >= config.batchSize() || characters >= BATCH_CHARACTERS) {
                flush();
            }
        }

        void flush() {
            List<ImportJob.Note> notes = report.takeNotes().stream()
                    .map(note -> new ImportJob.Note(note.sourceId(), note.kind(), note.reason())).toList();
            batches.write(id, request.siteId(), request.format(), request.admin(), List.copyOf(batch),
                    new ImportBatches.Progress(number++, position[0], report, notesWritten, notes));
            notesWritten += notes.size();
            batch.clear();
            characters = 0;
        }
    }

    private ExportReader reader(Request request) {
        return switch (request.format()) {
            case "disqus" -> new DisqusExportReader();
            case "wordpress" -> new WordPressExportReader(request.pingbacks());
            default -> new TalkbackExportReader(json);
        };
    }

    /** The file, decompressed if it is gzip (by its first bytes), counting the bytes read into {@code position[0]}. */
    private Limited open(Path file, long[] position) throws IOException {
        InputStream raw = new Counting(Files.newInputStream(file), position);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream content = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        return new Limited(content, config.maxBytes());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", file, e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    /** The first pass: reading is the check; nothing is kept. */
    private static final class CheckingSink implements ExportSink {
        @Override
        public void thread(SourceThread thread) {
        }

        @Override
        public void comment(SourceComment comment) {
        }

        @Override
        public void skipped(String sourceId, String reason) {
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit");
        }
    }

    /** Refuses to read past a limit: an upload, or what a small gzip file expands to ("zip bomb"). */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean exceeded;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        boolean exceeded() {
            return exceeded;
        }

        private void counted(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new TooLarge();
            }
        }
    }

    private static final class Counting extends FilterInputStream {
        private final long[] position;

        Counting(InputStream in, long[] position) {
            super(in);
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                position[0]++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                position[0] += n;
            }
            return n;
        }
    }
}
