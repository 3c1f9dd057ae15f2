package org.talkback.intake.service;

import java.text.Normalizer;

/** Cleans what readers type before it is stored: one Unicode form, no invisible control characters. */
public final class ReaderText {

    private ReaderText() {
    }

    /**
     * NFC, so that "é" typed two ways is one string (for duplicate checks and search); control characters other
     * than newline and tab are dropped, and Windows line ends become plain newlines.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String normalized = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        StringBuilder cleaned = new StringBuilder(normalized.length());
        normalized.codePoints()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .forEach(cleaned::appendCodePoint);
        return cleaned.toString().strip();
    }

    /** For one-line fields such as names: newlines and tabs become spaces too. */
    public static String cleanLine(String text) {
        String cleaned = clean(text);
        return cleaned == null ? null : cleaned.replaceAll("\\s+", " ");
    }

    /** The most combining marks (Unicode categories Mn, Me) in a row anywhere in the text. */
    public static int longestCombiningRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            run = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK ? run + 1 : 0;
            longest = Math.max(longest, run);
            i += Character.charCount(codePoint);
        }
        return longest;
    }
}
