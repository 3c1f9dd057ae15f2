package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.spamcheck.config.SpamCheckConfig;

/** Near-identical text from other authors on the site in the last day: a campaign (RecentActivity finds them). */
@ApplicationScoped
public class CampaignRule implements SpamRule {
    static final String CODE = "campaign";
    /** Other authors of near-identical text that make a campaign. */
    static final int CAMPAIGN_AUTHORS = 2;

    private final boolean enabled;

    public CampaignRule(SpamCheckConfig config) {
        this.enabled = config.activityRules();
    }

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void apply(Check check, Signals signals) {
        int others = check.history().company().otherAuthorsOfSameText();
        if (enabled && others >= CAMPAIGN_AUTHORS) {
            signals.add(CODE, 1.5, "near-identical text from " + others + " other authors in the last 24 hours");
        }
    }
}
