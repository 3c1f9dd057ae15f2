package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/** Submitted sooner after the form was shown than a person can type a comment. */
@ApplicationScoped
public class PostedTooFastRule implements SpamRule {
    static final String CODE = "posted-too-fast";
    /** Faster than this from form shown to submit, no person typed the comment. */
    static final double HUMAN_SECONDS = 3.0;

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public void apply(Check check, Signals signals) {
        Double seconds = check.comment().secondsToSubmit();
        if (seconds != null && seconds < HUMAN_SECONDS) {
            signals.add(CODE, 1.0, String.format(Locale.ROOT, "submitted %.1f s after the form was shown", seconds));
        }
    }
}
