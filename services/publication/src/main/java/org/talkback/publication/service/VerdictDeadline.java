package org.talkback.publication.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.talkback.publication.model.ModeratedComment;

/**
 * Holds comments whose verdict is overdue, and forgets discarded spam after a week. A comment arrives with its
 * text and waits for spam-check; readers never see it unchecked, but neither should it wait in the dark: after
 * the deadline (5 minutes by default) it joins the moderators' queue.
 */
@ApplicationScoped
public class VerdictDeadline {

    private final EntityManager entityManager;
    private final PublicationService publication;
    private final Duration deadline;

    public VerdictDeadline(EntityManager entityManager, PublicationService publication,
            @ConfigProperty(name = "talkback.moderation.verdict-deadline", defaultValue = "PT5M") Duration deadline) {
        this.entityManager = entityManager;
        this.publication = publication;
        this.deadline = deadline;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void holdOverdue() {
        holdOlderThan(deadline);
    }

    /** Holds every comment that has waited longer than {@code age} for a first verdict; answers how many. */
    public int holdOlderThan(Duration age) {
        List<UUID> overdue = QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery("""
                select c.id from ModeratedComment c
                 where c.status = 'pending' and c.verdictRevision = 0 and c.body is not null and c.createdAt < :before
                """, UUID.class).setParameter("before", Instant.now().minus(age)).setMaxResults(500).getResultList());
        for (UUID id : overdue) {
            // One transaction each: the verdict may arrive for one of them meanwhile, and wins if it is first.
            QuarkusTransaction.requiringNew().run(() -> publication.holdForLackOfVerdict(
                    entityManager.find(ModeratedComment.class, id, LockModeType.PESSIMISTIC_WRITE)));
        }
        return overdue.size();
    }

    /** Discarded spam is kept out of the queue but kept a week, for the audit; then it goes (the audit stays). */
    @Scheduled(every = "1h", delayed = "5m")
    void forgetDiscarded() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "delete from comment where status = 'discarded' and decided_at < now() - interval '7 days'").executeUpdate());
    }
}
