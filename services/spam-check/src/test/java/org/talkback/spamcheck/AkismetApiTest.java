package org.talkback.spamcheck;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.SignedEvents;

/** Akismet's wire format (form fields in, plain text and headers out) and the native JSON API, with site keys. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class AkismetApiTest {
    static final String KEY = "test-development-key";
    static final String THANKS = "Thanks for making the web a better place.";

    @Inject
    EntityManager entityManager;

    private static RequestSpecification akismet() {
        return given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("blog", "https://news.example").formParam("user_ip", CheckEvents.uniqueAddress())
                .formParam("user_agent", "Mozilla/5.0").formParam("comment_type", "comment");
    }

    @Test
    void verifyKeyAnswersValidOrInvalidWithHelp() {
        akismet().formParam("key", KEY).post("/1.1/verify-key")
                .then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo("valid"));
        akismet().formParam("key", "not-a-key").post("/1.1/verify-key")
                .then().statusCode(200).body(equalTo("invalid")).header("X-akismet-debug-help", notNullValue());
    }

    @Test
    void commentCheckSpeaksAkismet() {
        akismet().formParam("api_key", KEY).formParam("comment_author", "viagra-test-123")
                .formParam("comment_content", "Hello").post("/1.1/comment-check")
                .then().statusCode(200).body(equalTo("true"))
                .header("X-akismet-guid", matchesPattern("[0-9a-f-]{36}"))
                .header("X-Talkback-Verdict", equalTo("spam"))
                .header("X-akismet-pro-tip", nullValue());
        akismet().formParam("api_key", KEY).formParam("comment_author", "Ann")
                .formParam("comment_content", "The council should publish the minutes of the meeting.")
                .post("/1.1/comment-check")
                .then().statusCode(200).body(equalTo("false")).header("X-Talkback-Verdict", equalTo("ham"));
    }

    @Test
    void theKeyMayComeAsTheFirstLabelOfAnyHostName() {
        // As unmodified clients send it: npm's akismet-api configured with host localhost:8082 sends KEY.localhost:8082.
        for (String host : List.of(KEY + ".spam.example", KEY + ".localhost:8082", KEY + ".spam-check:8082")) {
            akismet().header("Host", host).formParam("comment_author", "viagra-test-123")
                    .formParam("comment_content", "Hello").post("/1.1/comment-check")
                    .then().statusCode(200).body(equalTo("true"));
            akismet().header("Host", host).post("/1.1/verify-key").then().statusCode(200).body(equalTo("valid"));
        }
        akismet().header("Host", "localhost:8082").post("/1.1/verify-key").then().statusCode(200).body(equalTo("invalid"));
        akismet().header("Host", "not-a-key-at-all.localhost:8082").post("/1.1/verify-key")
                .then().statusCode(200).body(equalTo("invalid"));
    }

    @Test
    void aBadKeyIsInvalidAndAMissingAddressIsNamed() {
        akismet().formParam("api_key", "wrong-key").formParam("comment_content", "Hi").post("/1.1/comment-check")
                .then().statusCode(200).body(equalTo("invalid")).header("X-akismet-debug-help", containsString("key"));
        given().contentType("application/x-www-form-urlencoded").formParam("api_key", KEY).formParam("blog", "https://news.example")
                .formParam("comment_content", "Hi").post("/1.1/comment-check")
                .then().statusCode(400).body(equalTo("Missing required field: user_ip."));
    }

    @Test
    void aHoneypotNamedByTheClientIsSpam() {
        akismet().formParam("api_key", KEY).formParam("comment_content", "Nice article")
                .formParam("honeypot_field_name", "hp_website").formParam("hp_website", "http://bot.example")
                .post("/1.1/comment-check").then().statusCode(200).body(equalTo("true"));
    }

    @Test
    void submitSpamTeachesTheDefaultSiteButATestSubmissionDoesNot() {
        int before = examples("default", "spam");
        akismet().formParam("api_key", KEY).formParam("comment_content", "Cheap flights to anywhere, book via our agent " + UUID.randomUUID())
                .formParam("is_test", "1").post("/1.1/submit-spam").then().statusCode(200).body(equalTo(THANKS));
        assertEquals(before, examples("default", "spam"), "is_test never trains");
        akismet().formParam("api_key", KEY).formParam("comment_content", "Cheap flights to anywhere, book via our agent " + UUID.randomUUID())
                .post("/1.1/submit-spam").then().statusCode(200).body(equalTo(THANKS));
        assertEquals(before + 1, examples("default", "spam"));
        akismet().formParam("api_key", KEY).formParam("comment_content", "Lovely photos of the harbour " + UUID.randomUUID())
                .post("/1.1/submit-ham").then().statusCode(200).body(equalTo(THANKS));
    }

    @Test
    void aSitesKeysComeFromItsSettingsAndGoWhenRemoved() {
        String site = "keyed-" + UUID.randomUUID().toString().substring(0, 8);
        configure(site, List.of("site-key-" + site));
        akismet().formParam("key", "site-key-" + site).post("/1.1/verify-key").then().body(equalTo("valid"));
        configure(site, List.of());
        akismet().formParam("key", "site-key-" + site).post("/1.1/verify-key").then().body(equalTo("invalid"));
    }

    @Test
    void theNativeApiExplainsEachCheckAndLearnsFromFeedback() {
        given().contentType("application/json").body("{\"content\":\"Hello\"}").post("/api/v1/checks")
                .then().statusCode(401).contentType("application/problem+json");
        String checkId = given().contentType("application/json").header("X-Api-Key", KEY)
                .body("{\"content\":\"Click here for free followers http://followers.example\",\"author\":{\"name\":\"Zed\"},\"userIp\":\"" + CheckEvents.uniqueAddress() + "\"}")
                .post("/api/v1/checks")
                .then().statusCode(200).body("verdict", notNullValue()).body("reasons.code", hasItem("classifier"))
                .extract().path("checkId");
        given().header("X-Api-Key", KEY).get("/api/v1/checks/" + checkId)
                .then().statusCode(200).body("checkId", equalTo(checkId)).body("reasons.code", hasItem("classifier"));
        given().header("X-Api-Key", "wrong-key").get("/api/v1/checks/" + checkId).then().statusCode(401);
        given().contentType("application/json").header("X-Api-Key", KEY).body("{\"content\":\"\"}").post("/api/v1/checks")
                .then().statusCode(400).body("errors.field", hasItem("content"));
        int before = examples("default", "spam");
        given().contentType("application/json").header("X-Api-Key", KEY)
                .body("{\"checkId\":\"" + checkId + "\",\"label\":\"spam\"}").post("/api/v1/feedback")
                .then().statusCode(202);
        assertEquals(before + 1, examples("default", "spam"));
        given().contentType("application/json").header("X-Api-Key", KEY).body("{\"checkId\":\"" + checkId + "\",\"label\":\"maybe\"}")
                .post("/api/v1/feedback").then().statusCode(400).body("errors.field", hasItem("label"));
    }

    @Test
    void aTextSubmittedAsSpamIsSpamWhenItComesBackFromAnotherAccount() {
        String site = "resubmitted-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "site-key-" + site;
        configure(site, List.of(key));
        String text = "Earn from home with our simple system, thousands of readers already joined us this month";
        akismet().formParam("api_key", key).formParam("comment_author", "Promo")
                .formParam("comment_author_email", "promo@mail.example").formParam("comment_content", text)
                .post("/1.1/submit-spam").then().statusCode(200).body(equalTo(THANKS));
        akismet().formParam("api_key", key).formParam("comment_author", "Someone else")
                .formParam("comment_author_email", "someone@other.example").formParam("comment_content", text)
                .post("/1.1/comment-check")
                .then().statusCode(200).body(equalTo("true")).header("X-Talkback-Verdict", equalTo("spam"));
    }

    @Test
    void authorFieldsLongerThanAreKeptAreRefusedAndNothingIsStoredOrLearned() {
        String longEmail = "a".repeat(250) + "@x.example";
        long checks = storedChecks();
        int spamBefore = examples("default", "spam");
        akismet().formParam("api_key", KEY).formParam("comment_author_email", longEmail)
                .formParam("comment_content", "Hello").post("/1.1/comment-check")
                .then().statusCode(400).body(equalTo("Field too long: comment_author_email."))
                .header("X-akismet-debug-help", containsString("at most 254 characters"));
        akismet().formParam("api_key", KEY).formParam("comment_author_email", longEmail)
                .formParam("comment_content", "Cheap followers " + UUID.randomUUID()).post("/1.1/submit-spam")
                .then().statusCode(400).body(equalTo("Field too long: comment_author_email."));
        given().contentType("application/json").header("X-Api-Key", KEY)
                .body("{\"content\":\"Hello\",\"author\":{\"email\":\"" + longEmail + "\",\"url\":\"https://x.example/"
                        + "p".repeat(500) + "\"},\"userIp\":\"" + "1".repeat(65) + "\"}")
                .post("/api/v1/checks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("author.email", "author.url", "userIp")));
        assertEquals(checks, storedChecks(), "no check stored");
        assertEquals(spamBefore, examples("default", "spam"), "nothing learned");
    }

    private long storedChecks() {
        return ((Number) entityManager.createNativeQuery("select count(*) from spam_check").getSingleResult()).longValue();
    }

    private void configure(String site, List<String> keys) {
        String settings = """
                {"site":"%s","moderationMode":"post","linksBeforeHold":2,"blockedWords":[],"moderationWords":[],
                 "akismetKeys":%s,"requireEmail":false,"editWindowSeconds":900,"maxReplyDepth":3}
                """.formatted(site, keys.isEmpty() ? "[]" : "[\"" + String.join("\",\"", keys) + "\"]");
        CheckEvents.deliver(SignedEvents.envelope(UUID.randomUUID(), "SiteConfigured", site, site, settings))
                .then().statusCode(200);
    }

    private int examples(String site, String label) {
        List<?> rows = entityManager.createNativeQuery("select " + label + " from classifier_examples where site_id = ?1")
                .setParameter(1, site).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
