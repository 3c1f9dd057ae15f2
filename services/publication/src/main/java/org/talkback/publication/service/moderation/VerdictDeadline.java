package org.talkback.publication.service.moderation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.repository.ModeratedCommentRepository;

/**
 * Holds comments whose verdict is overdue, and forgets discarded spam after a week. A comment arrives with its
 * text and waits for spam-check; readers never see it unchecked, but neither should it wait in the dark: after
 * the deadline (5 minutes by default) it joins the moderators' queue.
 */
@ApplicationScoped
public class VerdictDeadline {

    private final ModeratedCommentRepository comments;
    private final PublicationService publication;
    private final Duration deadline;

    public VerdictDeadline(ModeratedCommentRepository comments, PublicationService publication,
            PublicationConfig config) {
        this.comments = comments;
        this.publication = publication;
        this.deadline = config.moderation().verdictDeadline();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void holdOverdue() {
        holdOlderThan(deadline);
    }

    /** Holds every comment that has waited longer than {@code age} for a first verdict; answers how many. */
    public int holdOlderThan(Duration age) {
        List<UUID> overdue = QuarkusTransaction.requiringNew().call(() ->
                comments.waitingForVerdictSince(Instant.now().minus(age), 500));
        for (UUID id : overdue) {
            // One transaction each: the verdict may arrive for one of them meanwhile, and wins if it is first.
            QuarkusTransaction.requiringNew().run(() -> publication.holdForLackOfVerdict(
                    comments.findById(id, LockModeType.PESSIMISTIC_WRITE)));
        }
        return overdue.size();
    }

    /** Discarded spam is kept out of the queue but kept a week, for the audit; then it goes (the audit stays). */
    @Scheduled(every = "1h", delayed = "5m")
    void forgetDiscarded() {
        QuarkusTransaction.requiringNew().run(() -> comments.forgetDiscardedOlderThan(Duration.ofDays(7)));
    }
}
