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

/** Judges comments and records each verdict with its reasons and the text, to learn from later. */
@ApplicationScoped
public class CheckService {

    private final SpamRules rules;
    private final SpamClassifier classifier;
    private final SiteFilterRepository sites;
    private final SpamCheckRepository checks;
    private final Outbox outbox;

    public CheckService(SpamRules rules, SpamClassifier classifier, SiteFilterRepository sites, SpamCheckRepository checks,
            Outbox outbox) {
        this.rules = rules;
        this.classifier = classifier;
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

    /** Judge a comment for an API client (Akismet or native): stored with its reasons, no event. */
    @Transactional
    public SpamCheck check(CommentToCheck comment) {
        return judgeAndStore(comment);
    }

    /** A check of the given site, for explaining it; another site's check is as good as absent. */
    @Transactional
    public java.util.Optional<SpamCheck> find(String siteId, UUID checkId) {
        return checks.findByIdOptional(checkId).filter(check -> check.siteId.equals(siteId));
    }

    /**
     * What an API client says a comment was (Akismet's submit-spam and submit-ham, the native feedback): learned
     * like a moderator's decision. Test requests teach nothing.
     */
    @Transactional
    public void learn(String siteId, String content, String authorUrl, boolean spam, String source) {
        classifier.learn(siteId, content, authorUrl, spam, source);
    }

    private SpamCheck judgeAndStore(CommentToCheck comment) {
        SiteFilter site = sites.findByIdOptional(comment.siteId()).orElseGet(() -> sites.findById("default"));
        Verdict verdict = rules.judge(comment, site,
                classifier.assess(site.id, TextFeatures.of(comment.content(), comment.authorUrl())));
        SpamCheck check = new SpamCheck();
        check.id = UUID.randomUUID();
        check.siteId = site.id;
        check.commentId = comment.commentId();
        check.verdict = verdict.verdict();
        check.score = verdict.score();
        check.discard = verdict.discard();
        check.reasons = verdict.reasons();
        check.createdAt = Instant.now();
        check.content = comment.content();
        check.authorUrl = comment.authorUrl();
        checks.persist(check);
        return check;
    }
}
