package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.talkback.platform.events.EventTypes;
import org.talkback.platform.outbox.Outbox;
import org.talkback.spamcheck.events.CommentClassified;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.repository.SiteFilterRepository;
import org.talkback.spamcheck.repository.SpamCheckRepository;

/** Judges comments and records each verdict with its reasons. */
@ApplicationScoped
public class CheckService {

    private final SpamRules rules;
    private final SiteFilterRepository sites;
    private final SpamCheckRepository checks;
    private final Outbox outbox;

    public CheckService(SpamRules rules, SiteFilterRepository sites, SpamCheckRepository checks, Outbox outbox) {
        this.rules = rules;
        this.sites = sites;
        this.checks = checks;
        this.outbox = outbox;
    }

    /** Judge a comment from the pipeline and tell publication, in one transaction with the stored check. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SpamCheck classifySubmitted(CommentToCheck comment) {
        SpamCheck check = judgeAndStore(comment);
        outbox.publish(EventTypes.AGGREGATE_COMMENT, comment.commentId().toString(), EventTypes.COMMENT_CLASSIFIED,
                comment.siteId(), new CommentClassified(comment.commentId(), comment.revision(), check.id, check.verdict, check.score,
                        check.discard, check.reasons));
        return check;
    }

    private SpamCheck judgeAndStore(CommentToCheck comment) {
        SiteFilter site = sites.findByIdOptional(comment.siteId()).orElseGet(() -> sites.findById("default"));
        Verdict verdict = rules.judge(comment, site);
        SpamCheck check = new SpamCheck();
        check.id = UUID.randomUUID();
        check.siteId = site.id;
        check.commentId = comment.commentId();
        check.verdict = verdict.verdict();
        check.score = verdict.score();
        check.discard = verdict.discard();
        check.reasons = verdict.reasons();
        check.createdAt = Instant.now();
        checks.persist(check);
        return check;
    }
}
