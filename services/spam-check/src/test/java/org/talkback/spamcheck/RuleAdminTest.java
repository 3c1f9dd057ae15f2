package org.talkback.spamcheck;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/** Per-rule statistics against moderators' labels, shadow mode and thresholds, for site admins only. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class RuleAdminTest {

    EventSink publication;
    String site;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void freshSite() {
        publication = CheckEvents.publicationSink();
        site = CheckEvents.newSite("rules", "lottery");
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "test-admin-password");
    }

    @Test
    void aRuleInShadowModeIsReportedButDoesNotDecide() {
        assertEquals("spam", classify("You won the lottery").getString("payload.verdict"));
        admin().contentType("application/json").body("{\"spamFrom\":3.0,\"hamBelow\":-0.5,\"shadowRules\":[\"blocked-word\"]}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings")
                .then().statusCode(200).body("shadowRules", hasItem("blocked-word"));
        JsonPath shadowed = classify("You won the lottery");
        assertTrue(!"spam".equals(shadowed.getString("payload.verdict")), shadowed.prettify());
        assertEquals(0.0f, shadowed.getFloat("payload.reasons.find { it.code == 'blocked-word' }.weight"));
        assertTrue(shadowed.getString("payload.reasons.find { it.code == 'blocked-word' }.detail").startsWith("shadow mode"));
    }

    @Test
    void statisticsCountWhereTheRuleFiredAndWhetherModeratorsAgreed() {
        JsonPath first = classify("Win the lottery tonight");
        JsonPath second = classify("The lottery funded our village hall");
        classify("Another lottery story");
        CheckEvents.moderate(first, site, "spam");
        CheckEvents.moderate(second, site, "ham");
        JsonPath rules = admin().get("/api/v1/admin/sites/" + site + "/rules").then().statusCode(200).extract().jsonPath();
        assertEquals(3, rules.getInt("find { it.code == 'blocked-word' }.fired"));
        assertEquals(2, rules.getInt("find { it.code == 'blocked-word' }.decided"));
        assertEquals(1, rules.getInt("find { it.code == 'blocked-word' }.agreed"));
        assertEquals(0.5f, rules.getFloat("find { it.code == 'blocked-word' }.agreement"));
    }

    @Test
    void onlyAdminsSeeOrChangeRulesAndNonsenseIsRefused() {
        given().get("/api/v1/admin/sites/" + site + "/rules").then().statusCode(401);
        admin().contentType("application/json").body("{\"spamFrom\":-1,\"hamBelow\":2,\"shadowRules\":[\"astrology\"]}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("spamFrom")).body("errors.field", hasItem("shadowRules"));
        admin().get("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200)
                .body("spamFrom", equalTo(3.0f)).body("hamBelow", equalTo(-0.5f));
        admin().get("/api/v1/admin/sites/no-such-site/rules").then().statusCode(404);
    }

    @Test
    void blockedDomainsMakeSpamAndSayWhich() {
        admin().contentType("application/json").body("""
                {"spamFrom":3.0,"hamBelow":-0.5,"blockedDomains":[" Cheap-Pills.example "]}
                """).put("/api/v1/admin/sites/" + site + "/rule-settings")
                .then().statusCode(200).body("blockedDomains", hasItem("cheap-pills.example"));

        String reader = "Agreed, and the council should publish the minutes before the vote next week";
        assertBlocked("blocked-domain", classify("Agreed, and see https://shop.cheap-pills.example/offer for more"));
        assertBlocked("blocked-domain", classify("Agreed, see cheap-pills.example."));
        assertBlocked("blocked-domain", CheckEvents.classify(publication, site, "Reader", "me@cheap-pills.example",
                CheckEvents.uniqueAddress(), reader, false, 40.0));

        // Neighbours of a blocked entry are not blocked.
        JsonPath innocent = classify("Compare not-cheap-pills.example and cheap-pills.example.org, both fine");
        assertTrue(innocent.getList("payload.reasons.code").stream().noneMatch(code -> code.toString().startsWith("blocked-")),
                innocent.prettify());
    }

    @Test
    void authorsBannedInPublicationAreSpamToApiClientsAndReportedInThePipeline() {
        String key = "bans" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        CheckEvents.configureSite(site, List.of(key), """
                [{"kind":"email","value":"pills@spam.example"},
                 {"kind":"address","value":"203.0.113.0/24"},
                 {"kind":"address","value":"2001:db8:bad::/48"},
                 {"kind":"author","value":"grumpy gus","expiresAt":"2020-01-01T00:00:00Z"}]""");
        admin().get("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200)
                .body("bans.value", hasItem("203.0.113.0/24"));

        String reader = "Agreed, and the council should publish the minutes before the vote next week";
        assertBanned(check(key, "PILLS@spam.example", "198.51.100.7", "Reader", reader));
        assertBanned(check(key, CheckEvents.uniqueEmail(), "203.0.113.77", "Reader", reader));
        assertBanned(check(key, CheckEvents.uniqueEmail(), "2001:db8:bad:1::5", "Reader", reader));
        for (JsonPath innocent : List.of(check(key, "pills@spam.example.org", "203.0.114.1", "Reader", reader),
                check(key, CheckEvents.uniqueEmail(), "198.51.100.8", "Grumpy Gus", reader))) {
            assertTrue(innocent.getList("reasons.code").stream().noneMatch("banned-author"::equals), innocent.prettify());
        }

        // In the pipeline, publication holds a banned author's comment itself: spam-check only says so.
        JsonPath piped = CheckEvents.classify(publication, site, "Reader", "pills@spam.example", CheckEvents.uniqueAddress(),
                reader, false, 40.0);
        assertEquals(0.0f, piped.getFloat("payload.reasons.find { it.code == 'banned-author' }.weight"), piped.prettify());
        assertTrue(piped.getString("payload.reasons.find { it.code == 'banned-author' }.detail").contains("pills@spam.example"));
    }

    @Test
    void blockedListsRefuseWhatIsNotADomainAndSendBansToPublicationKeepingTheOldLists() {
        admin().contentType("application/json").body("""
                {"spamFrom":3.0,"hamBelow":-0.5,"blockedDomains":["kept.example"]}
                """).put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200);
        admin().contentType("application/json").body("""
                {"spamFrom":3.0,"hamBelow":-0.5,"blockedEmails":["pills@spam.example"],"blockedDomains":["http://x.example/"],
                 "blockedAddresses":["10.0.0.0/24"]}
                """).put("/api/v1/admin/sites/" + site + "/rule-settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("blockedEmails")).body("errors.field", hasItem("blockedDomains"))
                .body("errors.field", hasItem("blockedAddresses"))
                .body("errors.find { it.field == 'blockedEmails' }.message", containsString("publication"));
        admin().get("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200)
                .body("blockedDomains", equalTo(java.util.List.of("kept.example")));
    }

    @Test
    void settingsChangedThroughAnotherInstanceApplyWithinSeconds() {
        assertEquals("spam", classify("You won the lottery").getString("payload.verdict"));
        // What another spam-check instance's PUT leaves behind: the row changes and this instance is not told.
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update site set shadow_rules = array['blocked-word'] where id = ?1")
                .setParameter(1, site).executeUpdate());
        // Polled slowly: three near-identical texts from different authors would make a campaign.
        await().pollDelay(Duration.ofMillis(1500)).pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> !"spam".equals(classify("You won the lottery").getString("payload.verdict")));
    }

    private static void assertBlocked(String code, JsonPath verdict) {
        assertEquals("spam", verdict.getString("payload.verdict"), verdict.prettify());
        assertEquals(6.0f, verdict.getFloat("payload.reasons.find { it.code == '" + code + "' }.weight"), verdict.prettify());
    }

    private static void assertBanned(JsonPath check) {
        assertEquals("spam", check.getString("verdict"), check.prettify());
        assertEquals(6.0f, check.getFloat("reasons.find { it.code == 'banned-author' }.weight"), check.prettify());
    }

    /** A check an API client asks for, with the site's key. */
    private static JsonPath check(String key, String email, String address, String author, String content) {
        return given().contentType("application/json").header("X-Api-Key", key)
                .body(java.util.Map.of("content", content, "userIp", address,
                        "author", java.util.Map.of("name", author, "email", email)))
                .post("/api/v1/checks").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath classify(String body) {
        return CheckEvents.classify(publication, site, "Reader", body, false, 40.0);
    }
}
