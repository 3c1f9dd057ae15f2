package org.talkback.spamcheck.service.rules;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.spamcheck.config.SpamCheckConfig;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.model.SpamCheck.Reason;
import org.talkback.spamcheck.repository.AuthorReputation;
import org.talkback.spamcheck.service.CommentToCheck;
import org.talkback.spamcheck.service.RecentActivity;
import org.talkback.spamcheck.service.SpamClassifier;

/** Builds the checks the rule tests feed to one rule at a time, with a site and a history that say nothing. */
final class Checks {
    private final SiteFilter site = new SiteFilter();
    private String content = "A reader's comment about the council vote";
    private String authorName = "Ann";
    private String email = "ann@example.org";
    private String authorUrl;
    private String clientIp = "192.0.2.10";
    private boolean honeypot;
    private Double seconds = 40.0;
    private boolean pipeline;
    private AuthorReputation.Record record = new AuthorReputation.Record(0, 0);
    private boolean byAddress;
    private RecentActivity.Company company = new RecentActivity.Company(0, 0);
    private boolean decidedSpam;
    private SpamClassifier.Assessment assessment = new SpamClassifier.Assessment(0, List.of(), List.of(), 1000, false, 0);

    Checks() {
        site.id = "test";
        site.linksBeforeHold = 2;
        site.spamFrom = 3.0;
        site.hamBelow = -0.5;
    }

    Checks content(String text) { content = text; return this; }
    Checks author(String name, String address) { authorName = name; email = address; return this; }
    Checks authorUrl(String url) { authorUrl = url; return this; }
    Checks from(String address) { clientIp = address; return this; }
    Checks honeypot() { honeypot = true; return this; }
    Checks submittedAfter(Double value) { seconds = value; return this; }
    Checks inThePipeline() { pipeline = true; return this; }
    Checks record(int ham, int spam, boolean knownByAddress) { record = new AuthorReputation.Record(ham, spam); byAddress = knownByAddress; return this; }
    Checks company(int otherAuthors, int recentFromAddress) { company = new RecentActivity.Company(otherAuthors, recentFromAddress); return this; }
    Checks textDecidedSpam() { decidedSpam = true; return this; }
    Checks assessment(double evidence, int learned) { assessment = new SpamClassifier.Assessment(evidence, List.of("w:cheap"), List.of(), learned, false, evidence); return this; }
    Checks siteModel(double evidence, double naiveBayes) { assessment = new SpamClassifier.Assessment(evidence, List.of(), List.of(), 300, true, naiveBayes); return this; }
    Checks blockedWords(String... words) { site.blockedWords = words; return this; }
    Checks moderationWords(String... words) { site.moderationWords = words; return this; }
    Checks blockedDomains(String... domains) { site.blockedDomains = domains; return this; }
    Checks bans(AuthorBan... bans) { site.bans = List.of(bans); return this; }
    Checks linksBeforeHold(int links) { site.linksBeforeHold = links; return this; }

    Check build() {
        CommentToCheck comment = new CommentToCheck(site.id, pipeline ? UUID.randomUUID() : null, 1, content, authorName,
                email, authorUrl, clientIp, honeypot, seconds);
        return new Check(comment, site, assessment, new Check.History(record, byAddress, company, decidedSpam),
                new Check.Thresholds(site.spamFrom, site.hamBelow, Check.Thresholds.DEFAULT));
    }

    /** The reasons one rule gives for this check, with no rule in shadow mode. */
    List<Reason> reasonsOf(SpamRule rule) {
        Signals signals = new Signals(Set.of());
        rule.apply(build(), signals);
        return signals.reasons();
    }

    /** Whether the rule left the comment to the moderators whatever its evidence. */
    boolean undecidedBy(SpamRule rule) {
        Signals signals = new Signals(Set.of());
        rule.apply(build(), signals);
        return signals.undecided();
    }

    /** Whether the rule held the comment for a moderator. */
    boolean heldBy(SpamRule rule) {
        Signals signals = new Signals(Set.of());
        rule.apply(build(), signals);
        return signals.held();
    }

    static SpamCheckConfig activityRules(boolean on) {
        return new SpamCheckConfig() {
            @Override
            public java.util.Optional<String> developmentKey() {
                return java.util.Optional.empty();
            }

            @Override
            public boolean activityRules() {
                return on;
            }

            @Override
            public boolean siteModels() {
                return true;
            }
        };
    }
}
