package org.talkback.spamcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.talkback.spamcheck.service.TextFeatures;

class TextFeaturesTest {

    @Test
    void linksCountByDomainNotByPath() {
        Set<String> first = TextFeatures.of("see https://promo.bit.ly/abc?x=1 now", null);
        Set<String> second = TextFeatures.of("see www.bit.ly/zzz now", null);
        assertTrue(first.contains("domain:bit.ly"), first.toString());
        assertTrue(second.contains("domain:bit.ly"), second.toString());
        assertFalse(first.stream().anyMatch(f -> f.contains("abc")), "the path is not a feature: " + first);
    }

    @Test
    void entitiesCaseAndInvisibleCharactersDoNotMakeNewWords() {
        Set<String> plain = TextFeatures.of("Don't miss it", null);
        Set<String> disguised = TextFeatures.of("DON&#39;T MISS IT\uFEFF", null);
        assertTrue(plain.contains("w:dont"), plain.toString());
        assertTrue(disguised.contains("w:dont"), disguised.toString());
        assertTrue(disguised.contains("w:it"), "U+FEFF does not stick to the last word: " + disguised);
    }

    @Test
    void fullWidthLettersFoldToTheirPlainForms() {
        assertTrue(TextFeatures.of("ｓｕｂｓｃｒｉｂｅ", null).contains("w:subscribe"));
    }

    @Test
    void trigramsLinkASpellingToItsVariants() {
        Set<String> variant = TextFeatures.of("subscr1be", null);
        assertTrue(variant.contains("c:sub") && variant.contains("c:bsc"), variant.toString());
    }

    @Test
    void aTwoWordReactionIsShortAndAPitchWithALinkIsNot() {
        assertTrue(TextFeatures.of("Great song!", null).contains("short"));
        assertFalse(TextFeatures.of("Great song! www.x.example", null).contains("short"));
        assertEquals(Set.of("link", "domain:x.example"), Set.copyOf(TextFeatures.of("www.x.example", null)));
    }
}
