package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.repository.ModeratorLabels;
import org.talkback.spamcheck.repository.SpamCheckRepository;
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

    private final ModeratorLabels labels;
    private final SpamCheckRepository checkRepository;
    private final EventPayloads payloads;
    private final CheckService checks;

    public ModeratorDecisionConsumer(ModeratorLabels labels, SpamCheckRepository checkRepository, EventPayloads payloads,
            CheckService checks) {
        this.labels = labels;
        this.checkRepository = checkRepository;
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
        labels.record(event.id(), event.site(), decision.commentId(), decision.checkId(), decision.label(),
                decision.action(), decision.moderator());
        boolean labelled = "spam".equals(decision.label()) || "ham".equals(decision.label());
        if (labelled && decision.checkId() != null) {
            SpamCheck check = checkRepository.findById(decision.checkId());
            if (check != null && check.content != null) {
                checks.learn(check.siteId, check.content, check.authorUrl, check.authorEmail, check.clientIp,
                        "spam".equals(decision.label()), "moderator");
            }
        }
    }
}
