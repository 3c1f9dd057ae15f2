package org.talkback.intake.repository;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Idempotency-Key records: which comment a key created, and a hash of the request that created it. */
@ApplicationScoped
public class IdempotencyKeys {
    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Stored(String requestHash, UUID commentId) {
    }

    public Optional<Stored> find(String siteId, String key) {
        List<?> rows = entityManager.createNativeQuery(
                "select request_hash, comment_id from idempotency_key where site_id = ?1 and key = ?2")
                .setParameter(1, siteId).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new Stored((String) columns[0], (UUID) columns[1]);
        });
    }

    /** False when another request holds the key already (it committed or is about to). */
    public boolean claim(String siteId, String key, String requestHash, UUID commentId) {
        return entityManager.createNativeQuery("""
                insert into idempotency_key (site_id, key, request_hash, comment_id) values (?1, ?2, ?3, ?4)
                on conflict do nothing""")
                .setParameter(1, siteId).setParameter(2, key).setParameter(3, requestHash).setParameter(4, commentId)
                .executeUpdate() == 1;
    }

    /** Retries come within minutes; a day is generous and keeps the table small. */
    @Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void forgetOldKeys() {
        entityManager.createNativeQuery("delete from idempotency_key where created_at < now() - interval '1 day'")
                .executeUpdate();
    }
}
