package org.talkback.spamcheck.service.learning;

import java.util.List;
import java.util.Random;

/**
 * Logistic regression over hashed features: the log-odds that a comment is spam are a bias plus the sum of the
 * weights of its features. Fitted by stochastic gradient descent with per-feature step sizes (AdaGrad: a feature
 * seen often takes smaller steps), L2 regularisation on the features an example touches, classes weighted so a site
 * that decided ten times more ham than spam still learns its spam, and a fixed order of passes (seeded), so every
 * instance that fits the same examples gets the same model.
 *
 * <p>Written here rather than taken from a library: the libraries at hand (LIBLINEAR's Java port, Tribuo) keep every
 * example's feature vector as objects in memory, about a gigabyte for a site with 100,000 examples; this keeps one
 * float per hashed feature and computes the examples' character n-grams again on each pass.
 */
public final class LogisticModel {
    /**
     * Step size and regularisation, chosen by a sweep over the labelled corpus (learning rates 0.2 to 1, L2 1e-6 to
     * 1e-4, 6 or 12 passes): the smallest step gave the fewest unsure on held-out comments of both kinds.
     */
    private static final double LEARNING_RATE = 0.2;
    private static final double L2 = 1e-5;
    /** Passes over the examples: a few hundred examples need several, a hundred thousand two. */
    private static final int MOST_PASSES = 6;
    private static final int FEWEST_PASSES = 2;
    private static final int EXAMPLE_STEPS = 200_000;
    private static final double MAX_LOG_ODDS = 12;

    private final float[] weights;
    private final float bias;

    private LogisticModel(float[] weights, float bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * One example as a refit keeps it: its label, its word features and its normalised text (for the character
     * n-grams, computed again on each pass).
     */
    public record Example(boolean spam, HashedFeatures.Words words, String normalised) {
    }

    public double logOdds(FeatureVector features) {
        double sum = bias;
        int[] indices = features.indices();
        float[] values = features.values();
        for (int i = 0; i < indices.length; i++) {
            sum += weights[indices[i]] * values[i];
        }
        return Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, sum));
    }

    /** How much one feature index pushed this comment (positive: towards spam). */
    public double contribution(int index, float value) {
        return weights[index] * value;
    }

    /** Fits a model to the examples whose positions {@code use} selects (all of them when null). */
    public static LogisticModel fit(List<Example> examples, boolean[] use, long seed) {
        int size = examples.size();
        int[] order = new int[size];
        int n = 0;
        int spam = 0;
        for (int i = 0; i < size; i++) {
            if (use == null || use[i]) {
                order[n++] = i;
                spam += examples.get(i).spam() ? 1 : 0;
            }
        }
        int ham = n - spam;
        // Each class weighs as much in all as the other: balanced, as sklearn's class_weight="balanced".
        double spamWeight = spam == 0 ? 0 : n / (2.0 * spam);
        double hamWeight = ham == 0 ? 0 : n / (2.0 * ham);
        float[] weights = new float[HashedFeatures.SIZE];
        float[] squaredGradients = new float[HashedFeatures.SIZE];
        double bias = spam == 0 || ham == 0 ? 0 : Math.log((double) spam / ham);
        double biasSquared = 1e-8;
        Random random = new Random(seed);
        HashedFeatures.Scratch scratch = new HashedFeatures.Scratch();
        int passes = Math.max(FEWEST_PASSES, Math.min(MOST_PASSES, EXAMPLE_STEPS / Math.max(1, n)));
        for (int pass = 0; pass < passes; pass++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int k = 0; k < n; k++) {
                Example example = examples.get(order[k]);
                // The three groups as they come (a feature two groups share, by a hash collision, is updated twice:
                // the same as once with the sum of its values, near enough, and much cheaper than merging them).
                int[] text = example.words().text();
                int[] form = example.words().form();
                float textValue = HashedFeatures.textValue(example.words());
                scratch.characterGrams(example.normalised());
                double z = bias;
                for (int index : text) {
                    z += weights[index] * textValue;
                }
                for (int index : form) {
                    z += weights[index];
                }
                for (int g = 0; g < scratch.count; g++) {
                    z += weights[scratch.grams[g]] * scratch.value;
                }
                double p = 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));
                double error = (p - (example.spam() ? 1 : 0)) * (example.spam() ? spamWeight : hamWeight);
                for (int index : text) {
                    step(weights, squaredGradients, index, error * textValue);
                }
                for (int index : form) {
                    step(weights, squaredGradients, index, error);
                }
                for (int g = 0; g < scratch.count; g++) {
                    step(weights, squaredGradients, scratch.grams[g], error * scratch.value);
                }
                biasSquared += error * error;
                bias -= LEARNING_RATE * error / Math.sqrt(biasSquared);
            }
        }
        return new LogisticModel(weights, (float) bias);
    }

    /** One AdaGrad step for one feature: its gradient (with L2) scaled by the root of its squared gradients so far. */
    private static void step(float[] weights, float[] squaredGradients, int index, double gradientOfLoss) {
        double gradient = gradientOfLoss + L2 * weights[index];
        squaredGradients[index] += (float) (gradient * gradient);
        weights[index] -= (float) (LEARNING_RATE * gradient / Math.sqrt(squaredGradients[index] + 1e-8));
    }
}
