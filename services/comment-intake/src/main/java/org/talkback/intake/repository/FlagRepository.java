package org.talkback.intake.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

/** Readers' reports (table comment_flag), one per reader per comment. */
@ApplicationScoped
public class FlagRepository {

    private final EntityManager entityManager;

    public FlagRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records a report; false when this reader (by address or by reader id, the table's unique keys) reported the
     * comment before.
     */
    public boolean record(UUID flagId, UUID commentId, String reason, String note, String clientIp, String readerId,
            Instant at) {
        return entityManager.createNativeQuery("""
                insert into comment_flag (id, comment_id, reason, note, client_ip, reader_id, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, flagId).setParameter(2, commentId).setParameter(3, reason)
                .setParameter(4, text(note)).setParameter(5, clientIp)
                .setParameter(6, text(readerId)).setParameter(7, at)
                .executeUpdate() == 1;
    }

    /** A string parameter that may be null: without its type, Hibernate would bind a null as bytea. */
    private static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }
}
