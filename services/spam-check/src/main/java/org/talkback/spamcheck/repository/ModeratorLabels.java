package org.talkback.spamcheck.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;

/** Moderators' decisions as labels on the checks they correct (table moderator_label). */
@ApplicationScoped
public class ModeratorLabels {

    private final EntityManager entityManager;

    public ModeratorLabels(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One decision, by its event's id (a redelivered event is refused by the inbox before it gets here). */
    public void record(UUID decisionId, String siteId, UUID commentId, UUID checkId, String label, String action,
            String moderator) {
        entityManager.createNativeQuery("""
                insert into moderator_label (id, site_id, comment_id, check_id, label, action, moderator)
                values (?1, ?2, ?3, cast(?4 as uuid), ?5, ?6, ?7)
                """)
                .setParameter(1, decisionId)
                .setParameter(2, siteId)
                .setParameter(3, commentId)
                .setParameter(4, text(checkId == null ? null : checkId.toString()))
                .setParameter(5, text(label))
                .setParameter(6, action)
                .setParameter(7, text(moderator))
                .executeUpdate();
    }

    /** A string parameter that may be null (Hibernate cannot tell a null's type by itself). */
    private static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }
}
