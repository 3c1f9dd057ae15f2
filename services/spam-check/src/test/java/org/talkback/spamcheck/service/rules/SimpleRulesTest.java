package org.talkback.spamcheck.service.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/** The rules that look at one field of the comment or the form. */
class SimpleRulesTest {

    @Test
    void theHoneypotIsSpamEvidenceOnlyWhenFilled() {
        assertEquals(List.of(), new Checks().reasonsOf(new HoneypotRule()));
        Reason reason = new Checks().honeypot().reasonsOf(new HoneypotRule()).get(0);
        assertEquals("honeypot", reason.code());
        assertEquals(6.0, reason.weight());
    }

    @Test
    void blockedWordsMatchWholeWordsInTextOrAuthorButNotInsideOtherWords() {
        BlockedWordRule rule = new BlockedWordRule();
        assertEquals(6.0, new Checks().blockedWords("cialis").content("Buy CIALIS now").reasonsOf(rule).get(0).weight());
        assertEquals(1, new Checks().blockedWords("cheap pills").author("Cheap Pills", null).reasonsOf(rule).size());
        assertEquals(List.of(), new Checks().blockedWords("cialis").content("Ask a specialist").reasonsOf(rule));
        assertEquals(List.of(), new Checks().content("Buy cialis now").reasonsOf(rule), "no list, nothing blocked");
    }

    @Test
    void aModerationWordHoldsTheCommentWithoutDecidingIt() {
        ModerationWordRule rule = new ModerationWordRule();
        Checks mentioning = new Checks().moderationWords("lawsuit").content("They face a lawsuit, I hear");
        assertTrue(mentioning.heldBy(rule));
        assertEquals("moderation-word", mentioning.reasonsOf(rule).get(0).code());
        assertFalse(new Checks().moderationWords("lawsuit").heldBy(rule));
    }

    @Test
    void theSiteLinkLimitHoldsAtTheLimitAndZeroTurnsItOff() {
        LinkLimitRule rule = new LinkLimitRule();
        String twoLinks = "See https://a.example/x and www.b.example/y";
        assertTrue(new Checks().content(twoLinks).heldBy(rule));
        assertFalse(new Checks().content("See https://a.example/x only").heldBy(rule));
        assertFalse(new Checks().content(twoLinks).linksBeforeHold(0).heldBy(rule));
        assertEquals(2, LinkLimitRule.countLinks(twoLinks));
    }

    @Test
    void aFormSentInUnderThreeSecondsLeansTowardsSpam() {
        PostedTooFastRule rule = new PostedTooFastRule();
        assertEquals(1.0, new Checks().submittedAfter(1.2).reasonsOf(rule).get(0).weight());
        assertEquals(List.of(), new Checks().submittedAfter(3.0).reasonsOf(rule));
        assertEquals(List.of(), new Checks().submittedAfter(null).reasonsOf(rule), "no timing: no evidence");
    }

    @Test
    void blockedDomainsCatchSubdomainsAndEmailsButNotLookAlikes() {
        BlockedDomainRule rule = new BlockedDomainRule();
        assertEquals(1, new Checks().blockedDomains("spam.example").content("go to x.spam.example/now").reasonsOf(rule).size());
        assertEquals(1, new Checks().blockedDomains("spam.example").author("A", "a@spam.example").reasonsOf(rule).size());
        assertEquals(1, new Checks().blockedDomains("spam.example").authorUrl("https://spam.example").reasonsOf(rule).size());
        assertEquals(List.of(), new Checks().blockedDomains("spam.example").content("notspam.example and spam.example.org")
                .reasonsOf(rule));
    }
}
