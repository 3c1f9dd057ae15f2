package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import org.talkback.spamcheck.service.SpamClassifier;

/**
 * A site's own model is sure of what it has learned and over-sure of what it has not: on comments from a video
 * unlike its examples, its thresholds (picked on its examples) let through spam of a kind it never saw (the
 * benchmarks' LMFAO file). Naive Bayes, which divides its evidence among a comment's words, is humbler there. When
 * the model would decide a comment one way and naive Bayes leans the other way by more than {@value #LEAN}, the
 * moderators decide it.
 */
@ApplicationScoped
public class SecondOpinionRule implements SpamRule {
    static final String CODE = "second-opinion";
    static final double LEAN = 1.0;

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 125;
    }

    @Override
    public void apply(Check check, Signals signals) {
        SpamClassifier.Assessment assessment = check.assessment();
        if (!assessment.siteModel()) {
            return;
        }
        double model = assessment.evidence();
        double other = assessment.secondOpinion();
        boolean modelSaysSpam = model >= check.thresholds().spamFrom();
        boolean modelSaysHam = model < check.thresholds().hamBelow();
        if ((modelSaysSpam && other < -LEAN) || (modelSaysHam && other > LEAN)) {
            signals.leaveUndecided(CODE, String.format(Locale.ROOT,
                    "the site's model says %s (%.2f) but naive Bayes leans the other way (%.2f); left to a moderator",
                    modelSaysSpam ? "spam" : "ham", model, other));
        }
    }
}
