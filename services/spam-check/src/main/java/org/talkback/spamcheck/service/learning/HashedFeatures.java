package org.talkback.spamcheck.service.learning;

import java.util.Arrays;
import java.util.Set;
import org.talkback.spamcheck.service.TextFeatures;

/**
 * The features of a site's own model, hashed into {@value #BITS} bits ("the hashing trick": no vocabulary to keep,
 * a fixed-size model per site). Three groups, as the offline experiments that preceded this model used them:
 * the classifier's words, word pairs and trigrams (TextFeatures); character 2- to 5-grams of the normalised text,
 * which catch the spellings a spammer varies and the words of languages TextFeatures' word pattern splits badly;
 * and the features of the comment's form (links, their domains, the author's link, shouting, shortness). The text
 * groups are each scaled to length 1, so a long comment does not outweigh a short one; form features count 1 each.
 */
public final class HashedFeatures {
    static final int BITS = 18;
    static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    /**
     * Character n-grams are many and overlap: together they weigh half as much as the words (in the same sweep as
     * LogisticModel's step size, half left fewer comments unsure than equal or double weight).
     */
    private static final float CHAR_GROUP_WEIGHT = 0.5f;
    private static final int MAX_CHARS = 2000;

    private HashedFeatures() {
    }

    /** The word and form features of a comment, hashed: what a refit keeps in memory for each example. */
    public static Words words(String content, String authorUrl) {
        return words(TextFeatures.of(content, authorUrl));
    }

    /** The same from the features TextFeatures already found. */
    public static Words words(Set<String> features) {
        int[] text = new int[features.size()];
        int[] form = new int[features.size()];
        int texts = 0;
        int forms = 0;
        for (String feature : features) {
            int index = indexOf(feature);
            if (TextFeatures.isAboutTheText(feature)) {
                text[texts++] = index;
            } else {
                form[forms++] = index;
            }
        }
        return new Words(Arrays.copyOf(text, texts), Arrays.copyOf(form, forms));
    }

    /** The hashed word features of one comment: about the text, and about its form. */
    public record Words(int[] text, int[] form) {
    }

    /** Everything: the word and form features with the character n-grams of the text. */
    public static FeatureVector of(String content, String authorUrl) {
        return combine(words(content, authorUrl), content);
    }

    /** The word and form features (computed once per example) with the text's character n-grams (computed now). */
    static FeatureVector combine(Words words, String content) {
        return combineNormalised(words, TextFeatures.normalise(content));
    }

    /** The same, for a text already normalised (TextFeatures.normalise), as a refit keeps its examples. */
    static FeatureVector combineNormalised(Words words, String normalised) {
        int[] chars = characterGrams(normalised);
        int total = words.text().length + words.form().length + chars.length;
        long[] packed = new long[total];
        int n = 0;
        float textValue = words.text().length == 0 ? 0 : (float) (1 / Math.sqrt(words.text().length));
        float charValue = chars.length == 0 ? 0 : (float) (CHAR_GROUP_WEIGHT / Math.sqrt(chars.length));
        for (int index : words.text()) {
            packed[n++] = pack(index, textValue);
        }
        for (int index : words.form()) {
            packed[n++] = pack(index, 1f);
        }
        for (int index : chars) {
            packed[n++] = pack(index, charValue);
        }
        Arrays.sort(packed);
        // Colliding indices (the same hash from two features) add up.
        int[] indices = new int[total];
        float[] values = new float[total];
        int distinct = 0;
        for (int i = 0; i < total; i++) {
            int index = (int) (packed[i] >>> 32);
            float value = Float.intBitsToFloat((int) packed[i]);
            if (distinct > 0 && indices[distinct - 1] == index) {
                values[distinct - 1] += value;
            } else {
                indices[distinct] = index;
                values[distinct++] = value;
            }
        }
        return new FeatureVector(Arrays.copyOf(indices, distinct), Arrays.copyOf(values, distinct));
    }

    /**
     * The distinct character 2- to 5-grams of the text, hashed without building a string for each (a refit computes
     * them for every example on every pass). Runs of white space count as one space.
     */
    static int[] characterGrams(String normalised) {
        String text = normalised.length() > MAX_CHARS ? normalised.substring(0, MAX_CHARS) : normalised;
        char[] chars = new char[text.length() + 2];
        int length = 0;
        chars[length++] = ' ';
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isWhitespace(c);
            if (blank && space) {
                continue;
            }
            chars[length++] = blank ? ' ' : c;
            space = blank;
        }
        if (!space) {
            chars[length++] = ' ';
        }
        int[] grams = new int[Math.max(0, length * 4)];
        int count = 0;
        for (int start = 0; start < length - 1; start++) {
            int hash = 0x811c9dc5;
            for (int n = 1; n <= 5 && start + n <= length; n++) {
                hash = (hash ^ chars[start + n - 1]) * 0x01000193;
                if (n >= 2) {
                    grams[count++] = index(mix(hash * 31 + n));
                }
            }
        }
        int[] distinct = Arrays.copyOf(grams, count);
        Arrays.sort(distinct);
        int unique = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (unique == 0 || distinct[unique - 1] != distinct[i]) {
                distinct[unique++] = distinct[i];
            }
        }
        return Arrays.copyOf(distinct, unique);
    }

    /** The hashed index of one of TextFeatures' features. */
    static int indexOf(String feature) {
        return index(mix(feature.hashCode()));
    }

    /**
     * What one fitting thread reuses for every example on every pass: the distinct character n-grams of one text,
     * found with a mark per feature instead of a sort, and the value each of them gets. A fit computes them some
     * hundreds of thousands of times; allocating and sorting each time was most of a fit's time.
     */
    static final class Scratch {
        private final int[] marks = new int[SIZE];
        private int mark;
        private char[] chars = new char[MAX_CHARS + 2];
        int[] grams = new int[4 * (MAX_CHARS + 2)];
        int count;
        float value;

        /** Fills {@code grams[0..count)} with the text's distinct n-grams and {@code value} with each one's value. */
        void characterGrams(String normalised) {
            int length = normalised.length() > MAX_CHARS ? MAX_CHARS : normalised.length();
            int n = 0;
            chars[n++] = ' ';
            boolean space = true;
            for (int i = 0; i < length; i++) {
                char c = normalised.charAt(i);
                boolean blank = Character.isWhitespace(c);
                if (blank && space) {
                    continue;
                }
                chars[n++] = blank ? ' ' : c;
                space = blank;
            }
            if (!space) {
                chars[n++] = ' ';
            }
            if (++mark == Integer.MAX_VALUE) {
                java.util.Arrays.fill(marks, 0);
                mark = 1;
            }
            count = 0;
            for (int start = 0; start < n - 1; start++) {
                int hash = 0x811c9dc5;
                for (int k = 1; k <= 5 && start + k <= n; k++) {
                    hash = (hash ^ chars[start + k - 1]) * 0x01000193;
                    if (k >= 2) {
                        int index = index(mix(hash * 31 + k));
                        if (marks[index] != mark) {
                            marks[index] = mark;
                            grams[count++] = index;
                        }
                    }
                }
            }
            value = count == 0 ? 0 : (float) (CHAR_GROUP_WEIGHT / Math.sqrt(count));
        }
    }

    /** The value each text feature of these words gets (the group scaled to length 1). */
    static float textValue(Words words) {
        return words.text().length == 0 ? 0 : (float) (1 / Math.sqrt(words.text().length));
    }

    private static long pack(int index, float value) {
        return ((long) index << 32) | (Float.floatToRawIntBits(value) & 0xffffffffL);
    }

    private static int index(int hash) {
        return hash & MASK;
    }

    /** MurmurHash3's finaliser: String.hashCode's low bits alone cluster. */
    private static int mix(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        return hash ^ (hash >>> 16);
    }
}
