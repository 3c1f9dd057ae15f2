package org.talkback.spamcheck.service.rules;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Whole-word search for a site's word lists: "cialis" must not catch "specialist" (the Scunthorpe problem). */
final class Words {
    /** Compiled once per word: sites' lists change rarely, comments arrive constantly. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private Words() {
    }

    /** The first of the words (or phrases) that stands as a whole word in the haystack. */
    static Optional<String> firstFound(String haystack, String[] words) {
        if (words == null) {
            return Optional.empty();
        }
        for (String word : words) {
            String needle = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
            // The plain search first: it is a fraction of the whole-word pattern's cost, and most comments contain
            // none of the words.
            if (!needle.isEmpty() && haystack.contains(needle)
                    && PATTERNS.computeIfAbsent(needle, Words::wholeWord).matcher(haystack).find()) {
                return Optional.of(needle);
            }
        }
        return Optional.empty();
    }

    private static Pattern wholeWord(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])");
    }
}
