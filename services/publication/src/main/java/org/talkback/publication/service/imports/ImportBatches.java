package org.talkback.publication.service.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.talkback.platform.outbox.Outbox;
import org.talkback.publication.events.CommentsImported;
import org.talkback.publication.model.ImportJob;
import org.talkback.publication.repository.ImportJobRepository;
import org.talkback.publication.service.moderation.PublicationService;

/**
 * Writes one batch of an import in one transaction: the comments (read model, threads, counts, audit), the
 * CommentsImported event that takes the new ones to intake and spam-check, and the job's progress. A crash loses
 * at most the batch in flight, and running the file again finds the rest already there.
 */
@ApplicationScoped
public class ImportBatches {
    private final PublicationService publication;
    private final Outbox outbox;
    private final ImportJobRepository jobs;

    public ImportBatches(PublicationService publication, Outbox outbox, ImportJobRepository jobs) {
        this.publication = publication;
        this.outbox = outbox;
        this.jobs = jobs;
    }

    /** What the run has got to: the batch's number, the file's bytes read, the report's counts and new notes. */
    record Progress(int batch, long bytesRead, ImportReport report, int firstNote, List<ImportJob.Note> notes) {
    }

    /** @return how many of the batch were new here */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int write(UUID jobId, String siteId, String format, String admin, List<ImportedComment> batch,
            Progress progress) {
        List<ImportedComment> added = batch.isEmpty() ? List.of()
                : publication.importAll(siteId, batch, admin, "imported from a " + format + " export (import " + jobId + ")");
        if (!added.isEmpty()) {
            outbox.publish(siteId, new CommentsImported(jobId, progress.batch(), format, added));
        }
        ImportReport report = progress.report();
        jobs.progress(jobId, progress.bytesRead(), new ImportJob.Counts(report.read(), added.size(),
                batch.size() - added.size(), report.skipped(), report.mended()), report.reasons());
        jobs.addNotes(jobId, progress.firstNote(), progress.notes());
        return added.size();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finish(UUID jobId, String state, ImportJob.Failure failure) {
        jobs.finish(jobId, state, failure);
    }
}
