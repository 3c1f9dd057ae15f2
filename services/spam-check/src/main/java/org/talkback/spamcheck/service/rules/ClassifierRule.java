package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.spamcheck.service.SpamClassifier;

/**
 * The classifier's evidence, with the features that weighed most each way: from the site's own model once it has
 * one, else from naive Bayes over the seed examples and what the site taught it.
 */
@ApplicationScoped
public class ClassifierRule implements SpamRule {
    static final String CODE = "classifier";

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 120;
    }

    @Override
    public void apply(Check check, Signals signals) {
        SpamClassifier.Assessment assessment = check.assessment();
        signals.add(CODE, round(assessment.evidence()), describe(assessment));
    }

    private static String describe(SpamClassifier.Assessment assessment) {
        String spam = assessment.spamFeatures().isEmpty() ? "" : "spam-like: " + String.join(", ", assessment.spamFeatures());
        String ham = assessment.hamFeatures().isEmpty() ? "" : "ham-like: " + String.join(", ", assessment.hamFeatures());
        String both = spam.isEmpty() || ham.isEmpty() ? spam + ham : spam + "; " + ham;
        String which = assessment.siteModel()
                ? "the site's own model (" + assessment.examplesLearned() + " examples): "
                : "naive Bayes: ";
        return which + (both.isEmpty() ? "nothing it has learned about" : both);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
