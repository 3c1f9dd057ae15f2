package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.service.CheckService;

/**
 * Moderators' decisions (CommentModerated from publication): kept as labels on the checks they correct, and
 * learned by the classifier from the text the check judged. A moderator who changes their mind moves the text
 * to the other class; a decision without a label (a comment deleted as off-topic) teaches nothing.
 */
@ApplicationScoped
public class ModeratorDecisionConsumer implements EventConsumer {

    /** spam-check's own copy of the fields it reads from publication's event. */
    record CommentModerated(UUID commentId, UUID checkId, String action, String label, String moderator) {
    }

    private final EntityManager entityManager;
    private final EventPayloads payloads;
    private final CheckService checks;

    public ModeratorDecisionConsumer(EntityManager entityManager, EventPayloads payloads, CheckService checks) {
        this.entityManager = entityManager;
        this.payloads = payloads;
        this.checks = checks;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.COMMENT_MODERATED);
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
        boolean labelled = "spam".equals(decision.label()) || "ham".equals(decision.label());
        if (labelled && decision.checkId() != null) {
            SpamCheck check = entityManager.find(SpamCheck.class, decision.checkId());
            if (check != null && check.content != null) {
                checks.learn(check.siteId, check.content, check.authorUrl, check.authorEmail, check.clientIp,
                        "spam".equals(decision.label()), "moderator");
            }
        }
    }

    /** A string parameter that may be null (Hibernate cannot tell a null's type by itself). */
    private static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }
}
