package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * A site that has learned little cannot tell an unusual comment from a suspicious one; until it has, a comment no
 * rule objects to gets the benefit of the doubt, as it would from a human moderator. Fades as the site learns.
 */
@ApplicationScoped
public class BenefitOfTheDoubtRule implements SpamRule {
    static final String CODE = "benefit-of-the-doubt";
    /** How far a site that has learned nothing leans towards ham. */
    static final double BENEFIT_OF_THE_DOUBT = 1.0;
    static final int EXAMPLES_FOR_FULL_TRUST = 500;

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 130;
    }

    @Override
    public void apply(Check check, Signals signals) {
        int learned = check.assessment().examplesLearned();
        // A site's own model comes with thresholds picked from its own examples: no doubt left to give.
        if (!check.assessment().siteModel() && learned < EXAMPLES_FOR_FULL_TRUST) {
            double doubt = -BENEFIT_OF_THE_DOUBT * (1 - (double) learned / EXAMPLES_FOR_FULL_TRUST);
            signals.add(CODE, ClassifierRule.round(doubt), "the classifier has learned from " + learned
                    + " of this site's comments");
        }
    }
}
