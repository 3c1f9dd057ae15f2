package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/**
 * The rule layer: signals any newsroom moderator would name, each with a weight. Weights combine as independent
 * pieces of evidence (1 - product of (1 - weight)), so two weak signals make a stronger one but never certainty.
 */
@ApplicationScoped
public class SpamRules {
    /** Akismet's documented test author: always spam, so integrators can see the spam path work. */
    static final String TEST_SPAM_AUTHOR = "viagra-test-123";
    static final double SPAM_THRESHOLD = 0.9;
    static final double UNSURE_THRESHOLD = 0.5;
    static final double DISCARD_THRESHOLD = 0.995;
    /** Faster than this from form shown to submit, no person typed the comment. */
    static final double HUMAN_SECONDS = 3.0;
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    /** Compiled once per word: sites' lists change rarely, comments arrive constantly. */
    private static final java.util.Map<String, Pattern> WORD_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    public Verdict judge(CommentToCheck comment, SiteFilter site) {
        if (TEST_SPAM_AUTHOR.equals(comment.authorName())) {
            // Decided by this rule alone, and spam but not discard, so an integrator's test comment is always
            // the same verdict and shows up in the spam queue to be looked at.
            return new Verdict(Verdict.SPAM, 0.99, false,
                    List.of(new Reason("test-spam-author", 0.99, "author is " + TEST_SPAM_AUTHOR)));
        }
        List<Reason> reasons = new ArrayList<>();
        if (comment.honeypotFilled()) {
            reasons.add(new Reason("honeypot", 0.95, "the hidden form field was filled in"));
        }
        String haystack = String.join("\n", nonNull(comment.content()), nonNull(comment.authorName()),
                nonNull(comment.authorEmail()), nonNull(comment.authorUrl())).toLowerCase(Locale.ROOT);
        firstWordFound(haystack, site.blockedWords)
                .ifPresent(word -> reasons.add(new Reason("blocked-word", 0.95, "contains \"" + word + "\"")));
        firstWordFound(haystack, site.moderationWords)
                .ifPresent(word -> reasons.add(new Reason("moderation-word", 0.6, "contains \"" + word + "\"")));
        int links = countLinks(comment.content());
        if (site.linksBeforeHold > 0 && links >= site.linksBeforeHold) {
            reasons.add(new Reason("too-many-links", 0.6, links + " links; the site holds at " + site.linksBeforeHold));
        }
        if (comment.secondsToSubmit() != null && comment.secondsToSubmit() < HUMAN_SECONDS) {
            reasons.add(new Reason("posted-too-fast", 0.3,
                    String.format(Locale.ROOT, "submitted %.1f s after the form was shown", comment.secondsToSubmit())));
        }
        double score = combine(reasons);
        String verdict = score >= SPAM_THRESHOLD ? Verdict.SPAM : score >= UNSURE_THRESHOLD ? Verdict.UNSURE : Verdict.HAM;
        return new Verdict(verdict, score, score >= DISCARD_THRESHOLD, List.copyOf(reasons));
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
    private static java.util.Optional<String> firstWordFound(String haystack, String[] words) {
        if (words == null) {
            return java.util.Optional.empty();
        }
        for (String word : words) {
            String needle = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
            if (!needle.isEmpty() && WORD_PATTERNS.computeIfAbsent(needle, SpamRules::wholeWord).matcher(haystack).find()) {
                return java.util.Optional.of(needle);
            }
        }
        return java.util.Optional.empty();
    }

    private static Pattern wholeWord(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])");
    }

    private static double combine(List<Reason> reasons) {
        double clean = 1.0;
        for (Reason reason : reasons) {
            clean *= 1.0 - reason.weight();
        }
        return 1.0 - clean;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
