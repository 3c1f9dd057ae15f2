package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.spamcheck.service.RecentActivity;

/**
 * Word for word a text decided spam on the site before, from whichever account. One decision hardly moves counts
 * learned from hundreds of examples, and a moderator should not have to mark one text spam again for every account
 * a bot posts it from.
 */
@ApplicationScoped
public class KnownSpamTextRule implements SpamRule {
    static final String CODE = "known-spam-text";

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public void apply(Check check, Signals signals) {
        if (check.history().textDecidedSpam()) {
            // For a long text that is no coincidence; a short one ("nice article") may be a reader's own words that
            // a spammer happened to use too, so it only leans.
            boolean longText = RecentActivity.longEnoughToCompare(check.comment().content());
            signals.add(CODE, longText ? 6.0 : 2.0,
                    "this text was decided spam on the site before" + (longText ? "" : " (a short text: it only leans)"));
        }
    }
}
