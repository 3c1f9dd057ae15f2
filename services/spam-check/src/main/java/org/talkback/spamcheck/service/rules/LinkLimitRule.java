package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** As many links as the site holds at (WordPress's "hold a comment with 2 or more links"): held for a moderator. */
@ApplicationScoped
public class LinkLimitRule implements SpamRule {
    static final String CODE = "too-many-links";
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void apply(Check check, Signals signals) {
        int links = countLinks(check.comment().content());
        int limit = check.site().linksBeforeHold;
        if (limit > 0 && links >= limit) {
            signals.hold(CODE, links + " links; the site holds at " + limit);
        }
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
}
