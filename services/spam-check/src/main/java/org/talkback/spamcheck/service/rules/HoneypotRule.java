package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** The form's hidden field, filled in: people never see it, bots fill every field. */
@ApplicationScoped
public class HoneypotRule implements SpamRule {
    static final String CODE = "honeypot";

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void apply(Check check, Signals signals) {
        if (check.comment().honeypotFilled()) {
            signals.add(CODE, 6.0, "the hidden form field was filled in");
        }
    }
}
