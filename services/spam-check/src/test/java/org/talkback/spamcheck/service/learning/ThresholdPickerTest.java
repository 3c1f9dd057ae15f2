package org.talkback.spamcheck.service.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Thresholds picked from known score distributions. */
class ThresholdPickerTest {

    /** n evenly spaced scores from low to high (both included). */
    private static double[] spread(int n, double low, double high) {
        return IntStream.range(0, n).mapToDouble(i -> low + (high - low) * i / (n - 1)).toArray();
    }

    @Test
    void separatedClassesNeedNoUnsureBand() {
        ThresholdPicker.Band band = ThresholdPicker.pick(spread(500, -6, -1), spread(500, 1, 6), 0.01, 0.03);
        assertTrue(band.hamBelow() > -1 && band.spamFrom() < 1 && band.spamFrom() == band.hamBelow(), band.toString());
        assertEquals(0, band.unsure());
        assertEquals(0, band.hamJudgedSpam());
        assertEquals(0, band.spamJudgedHam());
    }

    @Test
    void overlappingClassesGetTheNarrowestBandWithinBudgetWithTheMargin() {
        // Ham from -5 to 1, spam from -1 to 5: they overlap on [-1, 1].
        double[] ham = spread(1000, -5, 1);
        double[] spam = spread(1000, -1, 5);
        ThresholdPicker.Band band = ThresholdPicker.pick(ham, spam, 0.01, 0.03);
        // (errors + 1) / (1000 + 2) <= 1 %: at most 9 ham at or above the spam threshold; the 9 highest ham are
        // above 0.946, the 10th is 0.94.
        long hamAbove = java.util.Arrays.stream(ham).filter(s -> s >= band.spamFrom()).count();
        long spamBelow = java.util.Arrays.stream(spam).filter(s -> s < band.hamBelow()).count();
        assertEquals(9, hamAbove, band.toString());
        assertEquals(29, spamBelow, band.toString()); // (29 + 1) / 1002 <= 3 %, (30 + 1) / 1002 is not
        assertEquals(0.009, band.hamJudgedSpam(), 1e-9);
        assertEquals(0.029, band.spamJudgedHam(), 1e-9);
        assertTrue(band.hamBelow() < band.spamFrom());
    }

    @Test
    void withFewExamplesTheMarginAllowsNoMistakeAtAll() {
        // 60 ham: (0 + 1) / 62 is already over 1 %, so no score may judge spam; the model never decides spam.
        ThresholdPicker.Band band = ThresholdPicker.pick(spread(60, -5, 1), spread(60, -1, 5), 0.01, 0.03);
        assertEquals(Double.POSITIVE_INFINITY, band.spamFrom());
        assertEquals(0, band.hamJudgedSpam());
        assertTrue(band.hamBelow() > Double.NEGATIVE_INFINITY, "but ham may still be decided: 3 % of 60 allows none either, "
                + "(0 + 1) / 62 = 1.6 % is within 3 %");
    }

    @Test
    void aLargerBudgetNarrowsTheBand() {
        double[] ham = spread(1000, -5, 1);
        double[] spam = spread(1000, -1, 5);
        ThresholdPicker.Band tight = ThresholdPicker.pick(ham, spam, 0.01, 0.03);
        ThresholdPicker.Band loose = ThresholdPicker.pick(ham, spam, 0.05, 0.10);
        assertTrue(loose.unsure() < tight.unsure(), loose + " vs " + tight);
        assertTrue(loose.spamFrom() <= tight.spamFrom() && loose.hamBelow() >= tight.hamBelow());
    }
}
