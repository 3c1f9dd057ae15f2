package org.talkback.publication.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.talkback.publication.model.ImportJob;

/** Import jobs and their notes (tables import_job, import_note). */
@ApplicationScoped
public class ImportJobRepository {
    private static final TypeReference<Map<String, Long>> REASONS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public ImportJobRepository(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    public void create(UUID id, String siteId, String format, String startedBy, long bytesTotal) {
        entityManager.createNativeQuery("""
                insert into import_job (id, site_id, format, state, started_by, bytes_total)
                values (?1, ?2, ?3, 'running', ?4, ?5)""")
                .setParameter(1, id).setParameter(2, siteId).setParameter(3, format).setParameter(4, startedBy)
                .setParameter(5, bytesTotal).executeUpdate();
    }

    /** The job's counts as of the batch just written, in that batch's transaction. */
    public void progress(UUID id, long bytesRead, ImportJob.Counts counts, Map<String, Long> reasons) {
        entityManager.createNativeQuery("""
                update import_job set bytes_read = ?2, read_count = ?3, imported = imported + ?4,
                       already_there = already_there + ?5, skipped = ?6, mended = ?7, reasons = cast(?8 as jsonb),
                       updated_at = now()
                 where id = ?1""")
                .setParameter(1, id).setParameter(2, bytesRead).setParameter(3, counts.read())
                .setParameter(4, counts.imported()).setParameter(5, counts.alreadyThere())
                .setParameter(6, counts.skipped()).setParameter(7, counts.mended()).setParameter(8, toJson(reasons))
                .executeUpdate();
    }

    public void addNotes(UUID id, int firstSeq, List<ImportJob.Note> notes) {
        if (notes.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into import_note (job_id, seq, source_id, kind, reason)
                select ?1, ?2 + n.ord - 1, n.source_id, n.kind, n.reason
                  from unnest(cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]))
                       with ordinality as n (source_id, kind, reason, ord)""")
                .setParameter(1, id).setParameter(2, firstSeq)
                .setParameter(3, notes.stream().map(ImportJob.Note::sourceId).toArray(String[]::new))
                .setParameter(4, notes.stream().map(ImportJob.Note::kind).toArray(String[]::new))
                .setParameter(5, notes.stream().map(ImportJob.Note::reason).toArray(String[]::new))
                .executeUpdate();
    }

    public void finish(UUID id, String state, ImportJob.Failure failure) {
        entityManager.createNativeQuery("""
                update import_job set state = ?2, error = ?3, error_line = ?4, error_column = ?5,
                       finished_at = now(), updated_at = now()
                 where id = ?1""")
                .setParameter(1, id).setParameter(2, state)
                .setParameter(3, failure == null ? null : failure.reason())
                .setParameter(4, failure == null ? null : failure.line())
                .setParameter(5, failure == null ? null : failure.column())
                .executeUpdate();
    }

    /** The job with its first notes; a running job silent for longer than {@code staleSeconds} is reported failed. */
    public Optional<ImportJob> find(String siteId, UUID id, int maxNotes, long staleSeconds) {
        List<?> rows = entityManager.createNativeQuery("""
                select id, site_id, format, state, started_by, created_at, finished_at, bytes_total, bytes_read,
                       read_count, imported, already_there, skipped, mended, cast(reasons as text), error, error_line,
                       error_column, updated_at < now() - make_interval(secs => ?3) as stale
                  from import_job where site_id = ?1 and id = ?2""")
                .setParameter(1, siteId).setParameter(2, id).setParameter(3, staleSeconds).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> noteRows = entityManager.createNativeQuery("""
                select source_id, kind, reason from import_note where job_id = ?1 order by seq limit ?2""")
                .setParameter(1, id).setParameter(2, maxNotes).getResultList();
        List<ImportJob.Note> notes = noteRows.stream()
                .map(note -> new ImportJob.Note((String) note[0], (String) note[1], (String) note[2]))
                .toList();
        String error = (String) row[15];
        ImportJob job = new ImportJob((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], SqlValues.instant(row[5]), SqlValues.instant(row[6]), number(row[7]), number(row[8]),
                new ImportJob.Counts(number(row[9]), number(row[10]), number(row[11]), number(row[12]), number(row[13])),
                fromJson((String) row[14]),
                error == null ? null : new ImportJob.Failure(error, (Integer) row[16], (Integer) row[17]),
                notes);
        if (ImportJob.RUNNING.equals(job.state()) && Boolean.TRUE.equals(row[18])) {
            return Optional.of(job.withState(ImportJob.FAILED, new ImportJob.Failure("interrupted: no progress for "
                    + staleSeconds + " s (the service stopped?); import the same file again to complete it", null, null)));
        }
        return Optional.of(job);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private String toJson(Map<String, Long> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> fromJson(String reasons) {
        try {
            return json.readValue(reasons, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
