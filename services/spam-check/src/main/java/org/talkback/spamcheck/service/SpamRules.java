package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.talkback.spamcheck.model.Judgement;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.model.SpamCheck.Reason;
import org.talkback.spamcheck.service.rules.Check;
import org.talkback.spamcheck.service.rules.Signals;
import org.talkback.spamcheck.service.rules.SpamRule;

/**
 * The verdict: every rule (service/rules, one class each: the signals any newsroom moderator would name, and the
 * classifier's evidence) adds its reasons, and their weights add up as log-odds. Each reason's weight is what it
 * added: positive towards spam, negative towards ham; a weight of 4 turns even odds into 98 %. Two rules hold a
 * comment for the moderators whatever the rest says (a moderation word, the site's link limit), as WordPress's
 * discussion settings do.
 */
@ApplicationScoped
public class SpamRules {
    /** Akismet's documented test author: always spam, so integrators can see the spam path work. */
    static final String TEST_SPAM_AUTHOR = "viagra-test-123";
    /** Evidence at which spam is blatant enough to discard unseen (Akismet's "discard" pro-tip). */
    static final double DISCARD_FROM = 9.0;

    private final List<SpamRule> rules;
    private final Set<String> codes;

    public SpamRules(Instance<SpamRule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparingInt(SpamRule::order)).toList();
        Set<String> all = new TreeSet<>();
        this.rules.forEach(rule -> all.addAll(rule.codes()));
        this.codes = Set.copyOf(all);
    }

    /** Every reason code the rules can give: what a site may put in shadow mode. */
    public Set<String> ruleCodes() {
        return codes;
    }

    public Verdict judge(Check check) {
        if (TEST_SPAM_AUTHOR.equals(check.comment().authorName())) {
            // Decided by this rule alone, and spam but not discard, so an integrator's test comment is always
            // the same verdict and shows up in the spam queue to be looked at.
            return new Verdict(Judgement.SPAM, 0.99, false,
                    List.of(new Reason("test-spam-author", 0.99, "author is " + TEST_SPAM_AUTHOR)));
        }
        SiteFilter site = check.site();
        Signals signals = new Signals(site.shadowRules == null ? Set.of() : Set.of(site.shadowRules));
        for (SpamRule rule : rules) {
            rule.apply(check, signals);
        }
        double evidence = signals.evidence();
        Check.Thresholds thresholds = check.thresholds();
        Judgement verdict = signals.undecided() ? Judgement.UNSURE
                : evidence >= thresholds.spamFrom() ? Judgement.SPAM
                : evidence < thresholds.hamBelow() && !signals.held() ? Judgement.HAM : Judgement.UNSURE;
        double score = 1 / (1 + Math.exp(-evidence));
        return new Verdict(verdict, Math.round(score * 1000) / 1000.0, evidence >= DISCARD_FROM, signals.reasons());
    }
}
