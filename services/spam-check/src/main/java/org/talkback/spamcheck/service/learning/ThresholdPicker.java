package org.talkback.spamcheck.service.learning;

import java.util.Arrays;

/**
 * Picks the narrowest unsure band that keeps within a site's error budget, from scores the model gave examples it
 * had not learned (cross-validation). A spam threshold judges spam what scores at or above it, a ham threshold ham
 * what scores below it.
 *
 * <p>The safety margin: an error rate is estimated as (errors + 1) / (examples + 2), Laplace's rule of succession,
 * not errors / examples. With few examples it is pessimistic (with 100 ham, a budget of 1 % allows no mistake at
 * all), and it fades as a site's examples grow. Measured on held-out comments, the plain rate picked bands that
 * went over budget (docs/spam-filter.md).
 */
public final class ThresholdPicker {

    /** The band: spam from {@code spamFrom}, ham below {@code hamBelow}, and the rates expected of it. */
    public record Band(double spamFrom, double hamBelow, double hamJudgedSpam, double spamJudgedHam, double unsure) {
    }

    private ThresholdPicker() {
    }

    /** Needs at least one ham and one spam score. */
    public static Band pick(double[] hamScores, double[] spamScores, double hamJudgedSpamBudget,
            double spamJudgedHamBudget) {
        double[] ham = hamScores.clone();
        double[] spam = spamScores.clone();
        Arrays.sort(ham);
        Arrays.sort(spam);
        // The lowest spam threshold whose ham at or above it stay within budget. Candidates are just above each ham
        // score: the threshold moves past one more ham at a time, from the top.
        double spamFrom = Double.POSITIVE_INFINITY;
        for (int above = 0; above <= ham.length; above++) {
            if (estimate(above, ham.length) > hamJudgedSpamBudget) {
                break;
            }
            spamFrom = above == ham.length ? Math.nextDown(ham[0]) : Math.nextUp(ham[ham.length - 1 - above]);
        }
        // Likewise the highest ham threshold whose spam below it stay within budget, moving past one spam at a time.
        double hamBelow = Double.NEGATIVE_INFINITY;
        for (int below = 0; below <= spam.length; below++) {
            if (estimate(below, spam.length) > spamJudgedHamBudget) {
                break;
            }
            hamBelow = below == spam.length ? Math.nextUp(spam[spam.length - 1]) : spam[below];
        }
        if (hamBelow > spamFrom) {
            // Both budgets leave room: no unsure band is needed. Split the difference.
            double middle = spamFrom == Double.POSITIVE_INFINITY ? hamBelow
                    : hamBelow == Double.NEGATIVE_INFINITY ? spamFrom : (spamFrom + hamBelow) / 2;
            spamFrom = middle;
            hamBelow = middle;
        }
        return new Band(spamFrom, hamBelow, rate(ham, spamFrom, true), rate(spam, hamBelow, false),
                unsure(ham, spam, hamBelow, spamFrom));
    }

    /** The pessimistic estimate of an error rate (errors + 1) / (examples + 2). */
    static double estimate(int errors, int examples) {
        return (errors + 1.0) / (examples + 2.0);
    }

    private static double rate(double[] sorted, double threshold, boolean atOrAbove) {
        int count = 0;
        for (double score : sorted) {
            if (atOrAbove ? score >= threshold : score < threshold) {
                count++;
            }
        }
        return sorted.length == 0 ? 0 : (double) count / sorted.length;
    }

    private static double unsure(double[] ham, double[] spam, double hamBelow, double spamFrom) {
        int count = 0;
        for (double[] scores : new double[][] {ham, spam}) {
            for (double score : scores) {
                if (score >= hamBelow && score < spamFrom) {
                    count++;
                }
            }
        }
        return (double) count / (ham.length + spam.length);
    }
}
