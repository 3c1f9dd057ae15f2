package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.talkback.platform.net.IpAddresses;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.repository.AuthorReputation;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/**
 * The verdict: the rule layer (signals any newsroom moderator would name) and the classifier's evidence, added up
 * as log-odds. Each reason's weight is what it added: positive towards spam, negative towards ham; a weight of 4
 * turns even odds into 98 %. Two rules hold a comment for the moderators whatever the rest says (a moderation
 * word, the site's link limit), as WordPress's discussion settings do.
 */
@ApplicationScoped
public class SpamRules {
    /** Akismet's documented test author: always spam, so integrators can see the spam path work. */
    static final String TEST_SPAM_AUTHOR = "viagra-test-123";
    /** Evidence at which spam is blatant enough to discard unseen (Akismet's "discard" pro-tip). */
    static final double DISCARD_FROM = 9.0;
    /** Other authors of near-identical text that make a campaign. */
    static final int CAMPAIGN_AUTHORS = 2;
    /** Comments from one address in a minute beyond what a person writes. */
    static final int FLOOD_PER_MINUTE = 6;
    /** How far a site that has learned nothing leans towards ham, fading as it learns. */
    static final double BENEFIT_OF_THE_DOUBT = 1.0;
    static final int EXAMPLES_FOR_FULL_TRUST = 500;
    /** Faster than this from form shown to submit, no person typed the comment. */
    static final double HUMAN_SECONDS = 3.0;
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    /** Compiled once per word: sites' lists change rarely, comments arrive constantly. */
    private static final Map<String, Pattern> WORD_PATTERNS = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> DOMAIN_PATTERNS = new ConcurrentHashMap<>();
    private static final Map<String, IpAddresses.Range> RANGES = new ConcurrentHashMap<>();
    /** Stands for a list entry that is no range (refused by the admin API; never matches). */
    private static final IpAddresses.Range NO_RANGE = new IpAddresses.Range(new byte[0], 0);

    /**
     * What is known about the comment beyond its features: its author's record, its company on the site, and whether
     * this very text was decided spam on the site before.
     */
    public record History(AuthorReputation.Record author, boolean authorByAddress, RecentActivity.Company company,
            boolean textDecidedSpam) {
    }

    /** Flood and campaign rules: off only for load tests, whose comments come from one address and look alike. */
    private final boolean activityRules;

    public SpamRules(@ConfigProperty(name = "talkback.spam-check.activity-rules") boolean activityRules) {
        this.activityRules = activityRules;
    }

    public Verdict judge(CommentToCheck comment, SiteFilter site, SpamClassifier.Assessment assessment, History history) {
        if (TEST_SPAM_AUTHOR.equals(comment.authorName())) {
            // Decided by this rule alone, and spam but not discard, so an integrator's test comment is always
            // the same verdict and shows up in the spam queue to be looked at.
            return new Verdict(Verdict.SPAM, 0.99, false,
                    List.of(new Reason("test-spam-author", 0.99, "author is " + TEST_SPAM_AUTHOR)));
        }
        Signals signals = new Signals(site);
        if (comment.honeypotFilled()) {
            signals.add("honeypot", 6.0, "the hidden form field was filled in");
        }
        String haystack = String.join("\n", nonNull(comment.content()), nonNull(comment.authorName()),
                nonNull(comment.authorEmail()), nonNull(comment.authorUrl())).toLowerCase(Locale.ROOT);
        firstWordFound(haystack, site.blockedWords)
                .ifPresent(word -> signals.add("blocked-word", 6.0, "contains \"" + word + "\""));
        blockedAuthorOrLink(comment, site, signals);
        firstWordFound(haystack, site.moderationWords).ifPresent(word -> signals.hold("moderation-word",
                "contains \"" + word + "\"; held for a moderator"));
        int links = countLinks(comment.content());
        if (site.linksBeforeHold > 0 && links >= site.linksBeforeHold) {
            signals.hold("too-many-links", links + " links; the site holds at " + site.linksBeforeHold);
        }
        if (comment.secondsToSubmit() != null && comment.secondsToSubmit() < HUMAN_SECONDS) {
            signals.add("posted-too-fast", 1.0,
                    String.format(Locale.ROOT, "submitted %.1f s after the form was shown", comment.secondsToSubmit()));
        }
        AuthorReputation.Record author = history.author();
        // An address is shared (offices, mobile networks): one spam report against it is not enough.
        int spamToDistrust = history.authorByAddress() ? 2 : 1;
        if (author.spam() >= spamToDistrust && author.spam() >= author.ham()) {
            signals.add("known-spammer", Math.min(4.0, 2.0 + author.spam()),
                    "this author's earlier comments were decided spam " + author.spam() + " times, ham " + author.ham());
        } else if (author.ham() > 0 && author.spam() == 0) {
            signals.add("trusted-author", -Math.min(3.0, 1.5 * author.ham()),
                    author.ham() + " earlier comments by this author were decided ham, none spam");
        }
        if (history.textDecidedSpam()) {
            // Word for word what was decided spam: for a long text that is no coincidence; a short one ("nice
            // article") may be a reader's own words that a spammer happened to use too, so it only leans.
            boolean longText = RecentActivity.longEnoughToCompare(comment.content());
            signals.add("known-spam-text", longText ? 6.0 : 2.0,
                    "this text was decided spam on the site before" + (longText ? "" : " (a short text: it only leans)"));
        }
        int others = history.company().otherAuthorsOfSameText();
        if (activityRules && others >= CAMPAIGN_AUTHORS) {
            signals.add("campaign", 1.5, "near-identical text from " + others + " other authors in the last 24 hours");
        }
        int recent = history.company().recentFromAddress();
        if (activityRules && recent >= FLOOD_PER_MINUTE) {
            signals.add("flood", 2.0, recent + " checks from this address in the last minute");
        }
        signals.add("classifier", round(assessment.evidence()), describe(assessment));
        if (assessment.examplesLearned() < EXAMPLES_FOR_FULL_TRUST) {
            // A site that has learned little cannot tell an unusual comment from a suspicious one; until it has,
            // a comment no rule objects to gets the benefit of the doubt, as it would from a human moderator.
            double doubt = -BENEFIT_OF_THE_DOUBT * (1 - (double) assessment.examplesLearned() / EXAMPLES_FOR_FULL_TRUST);
            signals.add("benefit-of-the-doubt", round(doubt),
                    "the classifier has learned from " + assessment.examplesLearned() + " of this site's comments");
        }
        List<Reason> reasons = signals.reasons;
        boolean hold = signals.hold;
        double evidence = reasons.stream().mapToDouble(Reason::weight).sum();
        String verdict = evidence >= site.spamFrom ? Verdict.SPAM
                : evidence < site.hamBelow && !hold ? Verdict.HAM : Verdict.UNSURE;
        double score = 1 / (1 + Math.exp(-evidence));
        return new Verdict(verdict, round(score), evidence >= DISCARD_FROM, List.copyOf(reasons));
    }

    /** The reasons of one verdict; a rule the site runs in shadow mode is reported with weight 0 and not acted on. */
    private static final class Signals {
        private static final double HOLD_WEIGHT = 0.5;
        final List<Reason> reasons = new ArrayList<>();
        final Set<String> shadow;
        boolean hold;

        Signals(SiteFilter site) {
            shadow = site.shadowRules == null ? Set.of() : Set.of(site.shadowRules);
        }

        void add(String code, double weight, String detail) {
            if (shadow.contains(code)) {
                reasons.add(new Reason(code, 0, "shadow mode, not counted (would add " + weight + "): " + detail));
            } else {
                reasons.add(new Reason(code, weight, detail));
            }
        }

        /** A rule that sends the comment to the moderators whatever the rest says. */
        void hold(String code, String detail) {
            add(code, HOLD_WEIGHT, detail);
            hold |= !shadow.contains(code);
        }
    }

    /** Every rule code a verdict can give: what a site may put in shadow mode. */
    public static final Set<String> RULE_CODES = Set.of("honeypot", "blocked-word", "blocked-email",
            "blocked-domain", "blocked-address", "moderation-word", "too-many-links", "posted-too-fast", "known-spammer",
            "trusted-author", "known-spam-text", "campaign", "flood", "classifier", "benefit-of-the-doubt");

    /**
     * The site's blocked lists: the author's email exactly, the client's address inside a range, a blocked domain
     * or one of its subdomains anywhere a link can hide (the text, the author's URL, the email's domain).
     */
    private static void blockedAuthorOrLink(CommentToCheck comment, SiteFilter site, Signals signals) {
        String email = nonNull(comment.authorEmail()).strip().toLowerCase(Locale.ROOT);
        if (!email.isEmpty() && site.blockedEmails != null && Arrays.asList(site.blockedEmails).contains(email)) {
            signals.add("blocked-email", 6.0, "the author's email " + email + " is blocked");
        }
        if (comment.clientIp() != null && site.blockedAddresses != null) {
            for (String blocked : site.blockedAddresses) {
                IpAddresses.Range range = RANGES.computeIfAbsent(blocked, text -> IpAddresses.range(text).orElse(NO_RANGE));
                if (range != NO_RANGE && range.contains(comment.clientIp())) {
                    signals.add("blocked-address", 6.0, "sent from " + comment.clientIp() + ", inside blocked " + blocked);
                    break;
                }
            }
        }
        if (site.blockedDomains != null && site.blockedDomains.length > 0) {
            String places = TextFeatures.normalise(String.join("\n", nonNull(comment.content()),
                    nonNull(comment.authorUrl()), email));
            for (String domain : site.blockedDomains) {
                if (DOMAIN_PATTERNS.computeIfAbsent(domain, SpamRules::hostOrSubdomain).matcher(places).find()) {
                    signals.add("blocked-domain", 6.0, "links to or writes from " + domain + ", which is blocked");
                    break;
                }
            }
        }
    }

    /**
     * The domain as a host name: preceded by nothing that would make it part of a longer name (notspam.example is
     * not spam.example; x.spam.example is), and not followed by more labels (spam.example.org is another domain).
     */
    private static Pattern hostOrSubdomain(String domain) {
        return Pattern.compile("(?<![\\p{L}\\p{N}.-])(?:[\\p{L}\\p{N}-]+\\.)*" + Pattern.quote(domain)
                + "(?!\\.?[\\p{L}\\p{N}-])");
    }

    private static String describe(SpamClassifier.Assessment assessment) {
        String spam = assessment.spamFeatures().isEmpty() ? "" : "spam-like: " + String.join(", ", assessment.spamFeatures());
        String ham = assessment.hamFeatures().isEmpty() ? "" : "ham-like: " + String.join(", ", assessment.hamFeatures());
        String both = spam.isEmpty() || ham.isEmpty() ? spam + ham : spam + "; " + ham;
        return both.isEmpty() ? "nothing it has learned about" : both;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static int countLinks(String content) {
        if (content == null) {
            return 0;
        }
        Matcher matcher = LINK.matcher(content);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /**
     * Whole words only: "cialis" must not catch "specialist" (the Scunthorpe problem). Words may be phrases.
     */
    private static Optional<String> firstWordFound(String haystack, String[] words) {
        if (words == null) {
            return Optional.empty();
        }
        for (String word : words) {
            String needle = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
            // The plain search first: it is a fraction of the whole-word pattern's cost, and most comments contain
            // none of the words.
            if (!needle.isEmpty() && haystack.contains(needle)
                    && WORD_PATTERNS.computeIfAbsent(needle, SpamRules::wholeWord).matcher(haystack).find()) {
                return Optional.of(needle);
            }
        }
        return Optional.empty();
    }

    private static Pattern wholeWord(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])");
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
