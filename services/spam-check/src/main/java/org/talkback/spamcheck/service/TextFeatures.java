package org.talkback.spamcheck.service;

import java.net.IDN;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the classifier sees of a comment: a set of features, each counted once per comment (in a comment of two
 * sentences a repeated word says little, and binary features suit naive Bayes better on short texts). Words and
 * word pairs carry the topic; character trigrams inside longer words catch the spellings a spammer varies
 * (subscribe, subscribing, subscr1be); links are reduced to their domain, because the path changes with every
 * campaign and the domain does not.
 */
public final class TextFeatures {
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+"
            + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|info|biz|ru|pl|ly|me|co|io|tk|xyz)\\b(?:/[^\\s<>\"']*)?");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);");
    private static final int MAX_FEATURE_LENGTH = 60;
    /** A comment of 10,000 characters has no more to say than its first few hundred words. */
    private static final int MAX_WORDS = 400;
    /** Trigrams are many and overlap each other: each counts for less than a word. */
    static final double TRIGRAM_WEIGHT = 0.3;

    private TextFeatures() {
    }

    /** The features of a comment's text and its author's link. */
    public static Set<String> of(String content, String authorUrl) {
        Set<String> features = new LinkedHashSet<>();
        String text = normalise(content);
        Matcher link = LINK.matcher(text);
        StringBuilder withoutLinks = new StringBuilder();
        int links = 0;
        while (link.find()) {
            links++;
            features.add("link");
            domainOf(link.group()).ifPresent(domain -> features.add("domain:" + domain));
            link.appendReplacement(withoutLinks, " ");
        }
        link.appendTail(withoutLinks);
        if (links >= 2) {
            features.add("links:2+");
        }
        if (authorUrl != null && !authorUrl.isBlank()) {
            features.add("author-url");
            domainOf(normalise(authorUrl)).ifPresent(domain -> features.add("author-domain:" + domain));
        }
        Matcher word = WORD.matcher(withoutLinks);
        String previous = null;
        int words = 0;
        while (words < MAX_WORDS && word.find()) {
            String current = word.group().replace("'", "");
            words++;
            add(features, "w:" + current);
            if (previous != null) {
                add(features, "b:" + previous + " " + current);
            }
            if (current.length() >= 4) {
                for (int i = 0; i + 3 <= current.length(); i++) {
                    features.add("c:" + current.substring(i, i + 3));
                }
            }
            previous = current;
        }
        // Most two-word comments are readers reacting; a spammer needs room for the pitch and the link.
        if (words <= 4 && links == 0) {
            features.add("short");
        }
        if (shoutingShare(decodeEntities(content)) > 0.5) {
            features.add("shouting");
        }
        return features;
    }

    /** Words, word pairs and trigrams: overlapping views of the text, which the classifier dilutes together. */
    public static boolean isAboutTheText(String feature) {
        return feature.startsWith("w:") || feature.startsWith("b:") || feature.startsWith("c:");
    }

    /** How much a feature counts: trigrams less than words. */
    static double weightOf(String feature) {
        return feature.startsWith("c:") ? TRIGRAM_WEIGHT : 1.0;
    }

    /**
     * Entities decoded (comments copied from web pages arrive with &amp;#39;), NFKC folds look-alike forms
     * (full-width letters, ligatures), format characters such as U+FEFF go, and case goes.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(decodeEntities(text), Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String decodeEntities(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text == null ? "" : text;
        }
        Matcher entity = ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int codePoint = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                            : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : " ";
                }
            };
            entity.appendReplacement(decoded, Matcher.quoteReplacement(replacement));
        }
        return entity.appendTail(decoded).toString();
    }

    static Optional<String> domainOf(String link) {
        String rest = link.replaceFirst("(?i)^https?://", "");
        int end = 0;
        while (end < rest.length() && "/?#:".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String host = rest.substring(0, end).replaceFirst("^www\\.", "");
        if (host.indexOf('.') < 0) {
            return Optional.empty();
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // The last two labels: bit.ly/x and bit.ly/y are one shortener, a.blogspot.com and b.blogspot.com one host.
        String[] labels = host.split("\\.");
        String domain = labels.length <= 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
        return domain.length() > MAX_FEATURE_LENGTH ? Optional.empty() : Optional.of(domain);
    }

    private static void add(Set<String> features, String feature) {
        if (feature.length() <= MAX_FEATURE_LENGTH) {
            features.add(feature);
        }
    }

    private static double shoutingShare(String text) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters < 12 ? 0 : (double) upper / letters;
    }
}
