package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.spamcheck.config.SpamCheckConfig;

/** More checks from one address in a minute than a person writes comments. */
@ApplicationScoped
public class FloodRule implements SpamRule {
    static final String CODE = "flood";
    static final int FLOOD_PER_MINUTE = 6;

    private final boolean enabled;

    public FloodRule(SpamCheckConfig config) {
        this.enabled = config.activityRules();
    }

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public void apply(Check check, Signals signals) {
        int recent = check.history().company().recentFromAddress();
        if (enabled && recent >= FLOOD_PER_MINUTE) {
            signals.add(CODE, 2.0, recent + " checks from this address in the last minute");
        }
    }
}
