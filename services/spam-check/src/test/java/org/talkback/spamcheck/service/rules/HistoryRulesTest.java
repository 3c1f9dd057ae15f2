package org.talkback.spamcheck.service.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/** The rules that weigh what is known beyond the comment: the author, the site's recent traffic, its decisions. */
class HistoryRulesTest {

    @Test
    void anAuthorDecidedSpamIsDistrustedAndOneDecidedHamTrusted() {
        AuthorRecordRule rule = new AuthorRecordRule();
        Reason spammer = new Checks().record(0, 1, false).reasonsOf(rule).get(0);
        assertEquals("known-spammer", spammer.code());
        assertEquals(3.0, spammer.weight());
        assertEquals(4.0, new Checks().record(1, 5, false).reasonsOf(rule).get(0).weight(), "capped at 4");
        Reason trusted = new Checks().record(3, 0, false).reasonsOf(rule).get(0);
        assertEquals("trusted-author", trusted.code());
        assertEquals(-3.0, trusted.weight());
        assertEquals(List.of(), new Checks().record(3, 1, false).reasonsOf(rule), "mixed record: no word either way");
    }

    @Test
    void aSharedAddressNeedsTwoSpamDecisionsBeforeItIsDistrusted() {
        AuthorRecordRule rule = new AuthorRecordRule();
        assertEquals(List.of(), new Checks().record(0, 1, true).reasonsOf(rule));
        assertEquals("known-spammer", new Checks().record(0, 2, true).reasonsOf(rule).get(0).code());
    }

    @Test
    void aTextDecidedSpamBeforeIsSpamWhenLongAndOnlyLeansWhenShort() {
        KnownSpamTextRule rule = new KnownSpamTextRule();
        assertEquals(6.0, new Checks().textDecidedSpam()
                .content("Earn money at home with this one simple trick that doctors hate").reasonsOf(rule).get(0).weight());
        assertEquals(2.0, new Checks().textDecidedSpam().content("nice article").reasonsOf(rule).get(0).weight());
        assertEquals(List.of(), new Checks().reasonsOf(rule));
    }

    @Test
    void campaignsAndFloodsCountOnlyWhenTheActivityRulesAreOn() {
        assertEquals("campaign", new Checks().company(2, 0).reasonsOf(new CampaignRule(Checks.activityRules(true)))
                .get(0).code());
        assertEquals(List.of(), new Checks().company(1, 0).reasonsOf(new CampaignRule(Checks.activityRules(true))));
        assertEquals(List.of(), new Checks().company(5, 0).reasonsOf(new CampaignRule(Checks.activityRules(false))));
        assertEquals(2.0, new Checks().company(0, 6).reasonsOf(new FloodRule(Checks.activityRules(true))).get(0).weight());
        assertEquals(List.of(), new Checks().company(0, 5).reasonsOf(new FloodRule(Checks.activityRules(true))));
        assertEquals(List.of(), new Checks().company(0, 60).reasonsOf(new FloodRule(Checks.activityRules(false))));
    }

    @Test
    void aBannedAuthorIsSpamToAnApiClientAndOnlyReportedInThePipeline() {
        BannedAuthorRule rule = new BannedAuthorRule();
        AuthorBan range = new AuthorBan(AuthorBan.ADDRESS, "203.0.113.0/24", null);
        assertEquals(6.0, new Checks().bans(range).from("203.0.113.9").reasonsOf(rule).get(0).weight());
        Reason piped = new Checks().bans(range).from("203.0.113.9").inThePipeline().reasonsOf(rule).get(0);
        assertEquals(0.0, piped.weight());
        assertTrue(piped.detail().contains("203.0.113.0/24"));
        assertEquals(List.of(), new Checks().bans(range).from("198.51.100.1").reasonsOf(rule));
        AuthorBan expired = new AuthorBan(AuthorBan.EMAIL, "ann@example.org", Instant.parse("2020-01-01T00:00:00Z"));
        assertEquals(List.of(), new Checks().bans(expired).reasonsOf(rule));
    }

    @Test
    void theClassifierReportsItsEvidenceAndAYoungSiteGivesTheBenefitOfTheDoubt() {
        Reason classifier = new Checks().assessment(2.34567, 100).reasonsOf(new ClassifierRule()).get(0);
        assertEquals(2.346, classifier.weight());
        assertTrue(classifier.detail().contains("w:cheap"));
        assertEquals(-0.8, new Checks().assessment(0, 100).reasonsOf(new BenefitOfTheDoubtRule()).get(0).weight());
        assertEquals(List.of(), new Checks().assessment(0, 500).reasonsOf(new BenefitOfTheDoubtRule()));
    }

    @Test
    void whenTheSiteModelAndNaiveBayesDisagreeAModeratorDecides() {
        SecondOpinionRule rule = new SecondOpinionRule();
        // Thresholds of the test site: spam from 3.0, ham below -0.5.
        assertTrue(new Checks().siteModel(5.0, -2.0).undecidedBy(rule), "model spam, naive Bayes leans ham");
        assertTrue(new Checks().siteModel(-4.0, 1.5).undecidedBy(rule), "model ham, naive Bayes leans spam");
        assertTrue(!new Checks().siteModel(5.0, -0.5).undecidedBy(rule), "a slight lean is no disagreement");
        assertTrue(!new Checks().siteModel(1.0, -3.0).undecidedBy(rule), "the model itself is unsure: nothing to veto");
        assertEquals(List.of(), new Checks().assessment(5.0, 300).reasonsOf(rule), "no site model: no second opinion");
    }
}
