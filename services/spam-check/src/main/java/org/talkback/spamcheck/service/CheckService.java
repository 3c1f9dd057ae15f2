package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.talkback.platform.outbox.Outbox;
import org.talkback.spamcheck.events.CommentClassified;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.repository.AuthorReputation;
import org.talkback.spamcheck.repository.CheckWriter;
import org.talkback.spamcheck.repository.SpamCheckRepository;
import org.talkback.spamcheck.service.learning.SiteModels;
import org.talkback.spamcheck.service.learning.ThresholdPicker;
import org.talkback.spamcheck.service.rules.Check;

/** Judges comments and records each verdict with its reasons and the text, to learn from later. */
@ApplicationScoped
public class CheckService {

    private final SpamRules rules;
    private final SpamClassifier classifier;
    private final SiteModels models;
    private final AuthorReputation reputation;
    private final RecentActivity activity;
    private final SiteFilters sites;
    private final SpamCheckRepository checks;
    private final CheckWriter writer;
    private final Outbox outbox;

    public CheckService(SpamRules rules, SpamClassifier classifier, SiteModels models, AuthorReputation reputation, RecentActivity activity,
            SiteFilters sites, SpamCheckRepository checks, CheckWriter writer, Outbox outbox) {
        this.rules = rules;
        this.classifier = classifier;
        this.models = models;
        this.reputation = reputation;
        this.activity = activity;
        this.sites = sites;
        this.checks = checks;
        this.writer = writer;
        this.outbox = outbox;
    }

    /**
     * Judge a delivery's comments and tell publication, in one transaction with the stored checks. All are judged
     * before any is stored: the judging reads (reputation, learned texts) would otherwise flush each new check
     * on its own, where stored together they are one batch of inserts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SpamCheck> classifySubmitted(List<CommentToCheck> comments) {
        List<SpamCheck> judged = new ArrayList<>(comments.size());
        for (CommentToCheck comment : comments) {
            judged.add(judge(comment));
        }
        for (int i = 0; i < judged.size(); i++) {
            SpamCheck check = judged.get(i);
            CommentToCheck comment = comments.get(i);
            checks.persist(check);
            outbox.publish(comment.siteId(), new CommentClassified(comment.commentId(), comment.revision(), check.id,
                    check.verdict, check.score, check.discard, check.reasons));
        }
        return judged;
    }

    /**
     * Judge a comment for an API client (Akismet or native): stored with its reasons before the answer, no event.
     * No transaction of its own: the check is written with others that arrive at the same time (CheckWriter).
     */
    public SpamCheck check(CommentToCheck comment) {
        SpamCheck check = judge(comment);
        writer.store(check);
        return check;
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
    public void learn(String siteId, String content, String authorUrl, String authorEmail, String clientIp, boolean spam,
            String source) {
        SpamClassifier.Learned learned = classifier.learn(siteId, content, authorUrl, spam, source);
        AuthorReputation.keyOf(authorEmail, clientIp).ifPresent(author -> {
            // The same decision twice counts once; a changed mind moves the comment to the other column.
            int moved = learned == SpamClassifier.Learned.CHANGED ? 1 : 0;
            if (learned != SpamClassifier.Learned.ALREADY) {
                reputation.add(siteId, author, spam ? -moved : 1, spam ? 1 : -moved);
            }
        });
    }

    /** One imported comment as an example: its text, website, and the author's email and address. */
    public record Example(String content, String authorUrl, String authorEmail, String clientIp, boolean spam) {
    }

    /**
     * Learns a batch of examples of one site (an import's), in few statements, and counts them in their authors'
     * reputations as moderators' decisions are ({@link #learn}).
     */
    public void learnAll(String siteId, List<Example> examples, String source) {
        List<SpamClassifier.Learned> learned = classifier.learnAll(siteId, examples.stream()
                .map(example -> new SpamClassifier.Example(example.content(), example.authorUrl(), example.spam()))
                .toList(), source);
        Map<String, int[]> byAuthor = new HashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            SpamClassifier.Learned result = learned.get(i);
            if (result == SpamClassifier.Learned.ALREADY) {
                continue;
            }
            int moved = result == SpamClassifier.Learned.CHANGED ? 1 : 0;
            AuthorReputation.keyOf(example.authorEmail(), example.clientIp()).ifPresent(author -> {
                int[] counts = byAuthor.computeIfAbsent(author, a -> new int[2]);
                counts[0] += example.spam() ? -moved : 1;
                counts[1] += example.spam() ? 1 : -moved;
            });
        }
        reputation.addAll(siteId, byAuthor);
    }

    /** The admin's thresholds if they set them, else those the site's model picks from its budget, else the defaults. */
    public Check.Thresholds thresholds(SiteFilter site, Optional<SiteModels.Fitted> model) {
        if (site.manualThresholds || model.isEmpty()) {
            return new Check.Thresholds(site.spamFrom, site.hamBelow,
                    site.manualThresholds ? Check.Thresholds.MANUAL : Check.Thresholds.DEFAULT);
        }
        ThresholdPicker.Band band = models.thresholdsOf(site.id, model.get(), site.budgetHamJudgedSpam,
                site.budgetSpamJudgedHam).band();
        return new Check.Thresholds(band.spamFrom(), band.hamBelow(), Check.Thresholds.AUTOMATIC);
    }

    private SpamCheck judge(CommentToCheck comment) {
        SiteFilter site = sites.of(comment.siteId());
        String author = AuthorReputation.keyOf(comment.authorEmail(), comment.clientIp()).orElse(null);
        Check.History history = new Check.History(
                author == null ? new AuthorReputation.Record(0, 0) : reputation.of(site.id, author),
                author != null && author.startsWith("ip:"),
                activity.observe(site.id, comment.content(), author == null ? "" : author, comment.clientIp()),
                classifier.learnedAsSpam(site.id, comment.content()));
        Set<String> features = TextFeatures.of(comment.content(), comment.authorUrl());
        Optional<SiteModels.Fitted> model = models.inForce(site.id, site.budgetHamJudgedSpam, site.budgetSpamJudgedHam);
        SpamClassifier.Assessment naiveBayes = classifier.assess(site.id, features);
        SpamClassifier.Assessment assessment = model
                .map(fitted -> models.assess(fitted, features, comment.content(), naiveBayes.evidence()))
                .orElse(naiveBayes);
        Verdict verdict = rules.judge(new Check(comment, site, assessment, history, thresholds(site, model)));
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
        check.authorEmail = comment.authorEmail();
        check.clientIp = comment.clientIp();
        return check;
    }
}
