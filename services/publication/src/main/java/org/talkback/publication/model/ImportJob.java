package org.talkback.publication.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An import as its report shows it; see docs/api.md. */
public record ImportJob(
        UUID id,
        String site,
        String format,
        String state,
        String startedBy,
        Instant createdAt,
        Instant finishedAt,
        long bytesTotal,
        long bytesRead,
        Counts counts,
        Map<String, Long> reasons,
        Failure error,
        List<Note> notes) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** Comments read from the file; imported (new here); already there (from an earlier run); skipped; mended. */
    public record Counts(long read, long imported, long alreadyThere, long skipped, long mended) {
    }

    /** Why the file as a whole failed, and where (line and column, 1-based; absent when they mean nothing). */
    public record Failure(String reason, Integer line, Integer column) {
    }

    /** A comment skipped or mended: the source's id and why. */
    public record Note(String sourceId, String kind, String reason) {
    }

    public ImportJob withState(String newState, Failure failure) {
        return new ImportJob(id, site, format, newState, startedBy, createdAt, finishedAt, bytesTotal, bytesRead,
                counts, reasons, failure, notes);
    }
}
