package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventTypes;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/**
 * Moderators' decisions (CommentModerated from publication), kept as labels on the checks they correct. This
 * is the record learning starts from; the classifier that trains on it is issue #4 and not built yet.
 */
@ApplicationScoped
public class ModeratorDecisionConsumer implements EventConsumer {

    /** spam-check's own copy of the fields it reads from publication's event. */
    record CommentModerated(UUID commentId, UUID checkId, String action, String label, String moderator) {
    }

    private final EntityManager entityManager;
    private final EventPayloads payloads;

    public ModeratorDecisionConsumer(EntityManager entityManager, EventPayloads payloads) {
        this.entityManager = entityManager;
        this.payloads = payloads;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.COMMENT_MODERATED);
    }

    @Override
    public void consume(EventEnvelope event) {
        CommentModerated decision = payloads.read(event, CommentModerated.class);
        entityManager.createNativeQuery("""
                insert into moderator_label (id, site_id, comment_id, check_id, label, action, moderator)
                values (?1, ?2, ?3, cast(?4 as uuid), ?5, ?6, ?7)
                """)
                .setParameter(1, event.id())
                .setParameter(2, event.site())
                .setParameter(3, decision.commentId())
                .setParameter(4, text(decision.checkId() == null ? null : decision.checkId().toString()))
                .setParameter(5, text(decision.label()))
                .setParameter(6, decision.action())
                .setParameter(7, text(decision.moderator()))
                .executeUpdate();
    }

    /** A string parameter that may be null (Hibernate cannot tell a null's type by itself). */
    private static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }
}
