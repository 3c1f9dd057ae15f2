package org.talkback.spamcheck;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/**
 * A site's own model: taught a few hundred of its moderators' decisions, it judges comments like them with
 * confidence, with thresholds it picked itself from the site's error budget; an admin sees the band, what it expects
 * and the examples behind it, may change the budget or set thresholds by hand, and nonsense changes nothing.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class SiteModelTest {

    private static final String[] NAMES = {"Kev", "Dani", "Marco", "Liz", "Tomasz", "Ama", "Rui", "Sven", "Noor", "Eli"};
    private static final String[] TOPICS = {"the library", "the bypass", "the school merger", "the harbour wall",
        "the bus depot", "the market square", "the flood defences", "the new clinic"};
    private static final String[] VIEWS = {"the consultation was too short", "the costs keep rising",
        "the council listened for once", "the residents were ignored", "the figures do not add up",
        "the plan is sensible", "the timing is odd", "the minutes should be published"};

    String site;
    String key;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void freshSite() {
        CheckEvents.publicationSink();
        site = "model-" + UUID.randomUUID().toString().substring(0, 8);
        key = "key" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        CheckEvents.configureSite(site, List.of(key), "[]");
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "test-admin-password");
    }

    /**
     * A promoter's comment, as this site gets many: a reader's words with a short plug at the end. Nearly every word
     * is a reader's, which is what naive Bayes, dividing its evidence among the words, cannot tell apart.
     */
    static String promotion(Random random) {
        return reader(random) + " " + List.of("pls sub", "sub to me", "sub pls", "follow me").get(random.nextInt(4));
    }

    /** A reader's comment on local politics, as this site gets many. */
    static String reader(Random random) {
        return "About " + TOPICS[random.nextInt(TOPICS.length)] + ": " + VIEWS[random.nextInt(VIEWS.length)] + ", and "
                + VIEWS[random.nextInt(VIEWS.length)] + ". Comment " + random.nextInt(1000) + " from " + NAMES[random.nextInt(NAMES.length)];
    }

    private void teach(String content, String label) {
        given().contentType("application/json").header("X-Api-Key", key)
                .body(Map.of("content", content, "label", label, "userIp", "198.51.100." + (1 + content.length() % 200)))
                .post("/api/v1/feedback").then().statusCode(202);
    }

    private JsonPath check(String content) {
        // Each from its own address: forty checks a minute from one would be a flood.
        return given().contentType("application/json").header("X-Api-Key", key)
                .body(Map.of("content", content, "author", Map.of("name", "Someone"), "userIp", CheckEvents.uniqueAddress()))
                .post("/api/v1/checks").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath settingsOnceFitted(int examples) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> admin().get("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200).extract().jsonPath(),
                settings -> settings.get("model") != null && settings.getInt("model.ham") + settings.getInt("model.spam") == examples);
    }

    @Test
    void taughtAFewHundredDecisionsItJudgesTheirKindConfidently() {
        Random random = new Random(1);
        for (int i = 0; i < 150; i++) {
            teach(promotion(random), "spam");
            teach(reader(random), "ham");
        }
        JsonPath settings = settingsOnceFitted(300);
        assertEquals("automatic", settings.getString("thresholds"));
        assertTrue(settings.getDouble("spamFrom") >= settings.getDouble("hamBelow"), settings.prettify());

        Random unseen = new Random(99);
        List<String> promotions = new ArrayList<>();
        List<String> readers = new ArrayList<>();
        JsonPath lastReader = null;
        for (int i = 0; i < 20; i++) {
            JsonPath promoted = check(promotion(unseen));
            JsonPath read = check(reader(unseen));
            promotions.add(promoted.getString("verdict"));
            readers.add(read.getString("verdict"));
            lastReader = read;
            assertTrue(promoted.getString("reasons.find { it.code == 'classifier' }.detail").startsWith("the site's own model"),
                    promoted.prettify());
        }
        assertTrue(promotions.stream().filter("spam"::equals).count() >= 18, "promotions: " + promotions);
        assertTrue(readers.stream().filter("ham"::equals).count() >= 18, "readers: " + readers + "; the last one: "
                + lastReader.prettify() + " under " + settings.prettify());
    }

    @Test
    void anAdminSeesTheBandAndSetsTheBudgetOrThresholdsAndNonsenseChangesNothing() {
        Random random = new Random(2);
        for (int i = 0; i < 60; i++) {
            teach(promotion(random), "spam");
            teach(reader(random), "ham");
        }
        JsonPath settings = settingsOnceFitted(120);
        assertEquals(0.01f, settings.getFloat("errorBudget.hamJudgedSpam"));
        assertEquals(0.03f, settings.getFloat("errorBudget.spamJudgedHam"));
        // Forward chaining: every block but the first is scored by a model of the blocks before it.
        assertEquals(96, settings.getInt("model.crossValidated"), settings.prettify());
        assertTrue(settings.getDouble("model.estimated.hamJudgedSpam") <= 0.01, settings.prettify());

        admin().contentType("application/json").body("{\"errorBudget\":{\"hamJudgedSpam\":0.05,\"spamJudgedHam\":0.10}}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200)
                .body("thresholds", equalTo("automatic")).body("errorBudget.hamJudgedSpam", equalTo(0.05f));

        // Nonsense: a budget over 50 %, a field that does not exist, a misspelt budget field. All refused, nothing changed.
        admin().contentType("application/json").body("{\"errorBudget\":{\"hamJudgedSpam\":0.7,\"spamJudgedHam\":-0.1}}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("errorBudget.hamJudgedSpam"))
                .body("errors.field", hasItem("errorBudget.spamJudgedHam"));
        admin().contentType("application/json").body("{\"spamFrom\":3.0,\"hamBelow\":-0.5,\"spamFromm\":2}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(400).body("errors.field", hasItem("spamFromm"));
        admin().contentType("application/json").body("{\"errorBudget\":{\"hamJudgedSpamm\":0.02}}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(400)
                .body("errors.field", hasItem("errorBudget.hamJudgedSpamm"));
        admin().contentType("application/json").body("{\"spamFrom\":3.0}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(400).body("errors.field", hasItem("spamFrom"));
        admin().get("/api/v1/admin/sites/" + site + "/rule-settings").then()
                .body("thresholds", equalTo("automatic")).body("errorBudget.hamJudgedSpam", equalTo(0.05f));

        // Thresholds by hand win over the picked ones, and a check uses them.
        admin().contentType("application/json").body("{\"spamFrom\":11.5,\"hamBelow\":-11.5}")
                .put("/api/v1/admin/sites/" + site + "/rule-settings").then().statusCode(200)
                .body("thresholds", equalTo("manual")).body("spamFrom", equalTo(11.5f)).body("model", notNullValue());
        assertEquals("unsure", check(promotion(new Random(5))).getString("verdict"), "evidence never reaches 11.5 here");
    }

    @Test
    void examplesAnotherInstanceLearnedAreFittedHereWithinSeconds() {
        // What another spam-check instance's learning leaves behind: example rows and a new revision, nothing else.
        Random random = new Random(3);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 80; i++) {
                boolean spam = i % 2 == 0;
                String text = spam ? promotion(random) : reader(random);
                entityManager.createNativeQuery("""
                        insert into training_example (site_id, text_hash, label, source, content)
                        values (?1, sha256(convert_to(?2, 'UTF8')), ?3, 'feedback', ?2)""")
                        .setParameter(1, site).setParameter(2, text).setParameter(3, spam ? "spam" : "ham").executeUpdate();
            }
            entityManager.createNativeQuery("""
                    insert into classifier_examples (site_id, spam, ham, revision) values (?1, 40, 40, 1)
                    on conflict (site_id) do update set revision = classifier_examples.revision + 1""")
                    .setParameter(1, site).executeUpdate();
        });
        JsonPath settings = settingsOnceFitted(80);
        assertTrue(settings.getBoolean("model.upToDate"), settings.prettify());
    }
}
