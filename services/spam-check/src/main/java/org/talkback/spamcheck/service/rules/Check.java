package org.talkback.spamcheck.service.rules;

import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.repository.AuthorReputation;
import org.talkback.spamcheck.service.CommentToCheck;
import org.talkback.spamcheck.service.RecentActivity;
import org.talkback.spamcheck.service.SpamClassifier;

/**
 * Everything the rules look at for one comment: the comment, its site's settings, the classifier's assessment and
 * what is known of its history (the author's record, its company on the site, whether this very text was decided
 * spam before).
 */
public record Check(CommentToCheck comment, SiteFilter site, SpamClassifier.Assessment assessment, History history,
        Thresholds thresholds) {

    /**
     * Where the verdict's evidence turns: spam at or above {@code spamFrom}, ham below {@code hamBelow}, unsure in
     * between. {@code source} says who set them: the site's admin, the site's model (from its error budget) or the
     * defaults.
     */
    public record Thresholds(double spamFrom, double hamBelow, String source) {
        public static final String MANUAL = "manual";
        public static final String AUTOMATIC = "automatic";
        public static final String DEFAULT = "default";
    }

    public record History(AuthorReputation.Record author, boolean authorByAddress, RecentActivity.Company company,
            boolean textDecidedSpam) {
    }

    /** The comment's text and author fields, lower-cased, where blocked and moderation words are looked for. */
    public String haystack() {
        return String.join("\n", nonNull(comment.content()), nonNull(comment.authorName()),
                nonNull(comment.authorEmail()), nonNull(comment.authorUrl())).toLowerCase(java.util.Locale.ROOT);
    }

    /** A check an API client asked for (Akismet or native), not one of the comment pipeline. */
    public boolean forApiClient() {
        return comment.commentId() == null;
    }

    static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
