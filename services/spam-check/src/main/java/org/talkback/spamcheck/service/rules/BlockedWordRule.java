package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** A word or phrase on the site's blocked list, as a whole word in the text or the author's fields: spam. */
@ApplicationScoped
public class BlockedWordRule implements SpamRule {
    static final String CODE = "blocked-word";

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void apply(Check check, Signals signals) {
        Words.firstFound(check.haystack(), check.site().blockedWords)
                .ifPresent(word -> signals.add(CODE, 6.0, "contains \"" + word + "\""));
    }
}
