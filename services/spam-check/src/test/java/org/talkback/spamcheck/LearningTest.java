package org.talkback.spamcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/**
 * The classifier learns from moderators: what they call spam on a site, that site's next similar comments are
 * judged more harshly; a moderator changing their mind moves the example; other sites are not affected.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class LearningTest {

    @Inject
    EntityManager entityManager;

    EventSink publication;

    @BeforeEach
    void freshSink() {
        publication = CheckEvents.publicationSink();
        for (String site : List.of("learning-a", "learning-b", "learning-c", "learning-d", "learning-e")) {
            CheckEvents.configureSite(site);
        }
    }

    @Test
    void spamTheModeratorsMarkIsCaughtNextTimeOnThatSiteOnly() {
        String pitch = "Join the Golden Meadow investor circle, returns of 40 percent each month guaranteed, details on golden-meadow.example.net";
        JsonPath before = classify("learning-a", pitch + " (1)");
        assertEquals("ham", before.getString("payload.verdict"), "nothing in the rules or the seed knows this pitch");
        String[] variants = {"Golden Meadow investor circle pays 40 percent monthly, see golden-meadow.example.net",
            "Guaranteed monthly returns with the Golden Meadow investor circle: golden-meadow.example.net",
            "Investor circle returns guaranteed each month, Golden Meadow, golden-meadow.example.net",
            "Golden Meadow: join our investor circle today, guaranteed returns, golden-meadow.example.net"};
        for (String variant : variants) {
            CheckEvents.moderate(classify("learning-a", variant), "learning-a", "spam");
        }
        JsonPath after = classify("learning-a", pitch + " (2)");
        assertTrue(after.getDouble("payload.score") > before.getDouble("payload.score") + 0.3,
                before.getDouble("payload.score") + " -> " + after.getDouble("payload.score"));
        assertTrue(List.of("unsure", "spam").contains(after.getString("payload.verdict")), after.prettify());
        assertEquals(4, examples("learning-a", "spam"));

        JsonPath elsewhere = classify("learning-b", pitch + " (3)");
        assertEquals("ham", elsewhere.getString("payload.verdict"), "another newsroom's moderators taught nothing here");
    }

    @Test
    void aModeratorChangingTheirMindMovesTheExampleAndTheSameDecisionTwiceCountsOnce() {
        JsonPath verdict = classify("learning-c", "The ferry timetable changes again next month, check the council site");
        CheckEvents.moderate(verdict, "learning-c", "spam");
        CheckEvents.moderate(verdict, "learning-c", "spam");
        assertEquals(1, examples("learning-c", "spam"));
        assertEquals(1, featureCount("learning-c", "w:ferry", "spam"));
        CheckEvents.moderate(verdict, "learning-c", "ham");
        assertEquals(0, examples("learning-c", "spam"));
        assertEquals(1, examples("learning-c", "ham"));
        assertEquals(0, featureCount("learning-c", "w:ferry", "spam"));
        assertEquals(1, featureCount("learning-c", "w:ferry", "ham"));
    }

    @Test
    void theVerdictExplainsWhatTheClassifierSaw() {
        JsonPath verdict = classify("learning-d", "Please subscribe to my channel and check out my videos");
        List<String> codes = verdict.getList("payload.reasons.code");
        assertTrue(codes.contains("classifier"), codes.toString());
        String detail = verdict.getString("payload.reasons.find { it.code == 'classifier' }.detail");
        assertTrue(detail.contains("spam-like"), detail);
        assertTrue(verdict.getDouble("payload.reasons.find { it.code == 'classifier' }.weight") > 0, verdict.prettify());
    }

    @Test
    void aLearnedSpamDomainIsNotDrownedOutByALongOrdinaryComment() {
        // A campaign the moderators have marked eight times, each time with other words around the same domain.
        for (String pitch : List.of("Fast cash today at https://quick-loans.example", "Need money? https://quick-loans.example/apply",
                "Bad credit ok, https://quick-loans.example/ok", "Loans in an hour: www.quick-loans.example",
                "Rent due? https://quick-loans.example/rent", "Approved in minutes https://quick-loans.example/now",
                "No questions asked: www.quick-loans.example/easy", "Holiday money https://quick-loans.example/holiday")) {
            CheckEvents.moderate(classify("learning-e", pitch), "learning-e", "spam");
        }
        String ordinary = "I went to the planning meeting on Tuesday and the residents of the east side made a strong case "
                + "for keeping the library open on weekends, since the nearest other branch is two bus rides away and "
                + "many of the children who use it have nowhere quiet to study at home; the council should listen";
        JsonPath withoutLink = classify("learning-e", ordinary + ".");
        JsonPath withLink = classify("learning-e", ordinary + ", and see https://quick-loans.example/today");
        double classifierWithout = withoutLink.getDouble("payload.reasons.find { it.code == 'classifier' }.weight");
        double classifierWith = withLink.getDouble("payload.reasons.find { it.code == 'classifier' }.weight");
        // The domain's own weight counts whole however many words surround it.
        assertTrue(classifierWith - classifierWithout > 1.5, classifierWithout + " -> " + classifierWith);
        assertEquals("ham", withoutLink.getString("payload.verdict"), withoutLink.prettify());
        assertTrue(withLink.getDouble("payload.score") > withoutLink.getDouble("payload.score"), withLink.prettify());
        // Fifty ordinary words still outweigh it here (the verdict stays ham); a campaign's domain is what the
        // blocked-domain list is for (RuleAdminTest).
    }

    @Test
    void aTextModeratorsDecidedSpamIsSpamFromTheNextAccountAndAShortOneOnlyLeans() {
        String site = CheckEvents.newSite("known-text");
        String pitch = "Hello friends, please watch my new video and tell me what you think of it";
        JsonPath first = classify(site, pitch);
        assertFalse(codesOf(first).contains("known-spam-text"), first.prettify());
        CheckEvents.moderate(first, site, "spam");
        // Another account (each classify has its own email and address), another case, a U+FEFF tail.
        JsonPath again = classify(site, pitch.toUpperCase(java.util.Locale.ROOT) + "\uFEFF");
        assertEquals("spam", again.getString("payload.verdict"), again.prettify());
        assertEquals(6.0, again.getDouble("payload.reasons.find { it.code == 'known-spam-text' }.weight"));

        String shortLine = "Check out this video";
        JsonPath shortFirst = classify(site, shortLine);
        CheckEvents.moderate(shortFirst, site, "spam");
        JsonPath shortAgain = classify(site, shortLine);
        assertEquals(2.0, shortAgain.getDouble("payload.reasons.find { it.code == 'known-spam-text' }.weight"),
                shortAgain.prettify());
        JsonPath otherText = classify(site, "Check out this video, the drone shots of the harbour are lovely");
        assertFalse(codesOf(otherText).contains("known-spam-text"), "only the same text: " + otherText.prettify());

        CheckEvents.moderate(shortFirst, site, "ham"); // a moderator changing their mind
        JsonPath afterHam = classify(site, shortLine);
        assertFalse(codesOf(afterHam).contains("known-spam-text"), afterHam.prettify());
    }

    private static List<String> codesOf(JsonPath verdict) {
        return verdict.getList("payload.reasons.code");
    }

    private JsonPath classify(String site, String body) {
        return CheckEvents.classify(publication, site, "Reader", body, false, 40.0);
    }

    private int examples(String site, String label) {
        List<?> rows = entityManager.createNativeQuery("select " + label + " from classifier_examples where site_id = ?1")
                .setParameter(1, site).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    private int featureCount(String site, String feature, String label) {
        List<?> rows = entityManager.createNativeQuery(
                "select " + label + " from classifier_feature where site_id = ?1 and feature = ?2")
                .setParameter(1, site).setParameter(2, feature).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
