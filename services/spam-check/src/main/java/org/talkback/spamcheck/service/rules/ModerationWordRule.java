package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** A word on the site's moderation list: held for a moderator whatever the rest says, as in WordPress. */
@ApplicationScoped
public class ModerationWordRule implements SpamRule {
    static final String CODE = "moderation-word";

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void apply(Check check, Signals signals) {
        Words.firstFound(check.haystack(), check.site().moderationWords)
                .ifPresent(word -> signals.hold(CODE, "contains \"" + word + "\"; held for a moderator"));
    }
}
