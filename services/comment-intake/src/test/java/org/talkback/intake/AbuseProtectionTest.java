package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
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
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.intake.service.AbuseGuard;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/** Rate limits, the flood and duplicate rules, and the signals (honeypot, form timing) that go to spam-check. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class AbuseProtectionTest {

    @Inject
    EntityManager entityManager;

    @Inject
    AbuseGuard abuse;

    @BeforeEach
    void smallLimits() {
        abuse.useLimits(true, 3, 1, 2, 1);
    }

    @AfterEach
    void limitsOffAgain() {
        // As the other test classes expect them (application.properties, %test).
        abuse.useLimits(false, 20, 10, 5, 3);
    }

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    /** Each test is its own reader: the test client is a trusted proxy here, so X-Forwarded-For names the reader. */
    private static RequestSpecification from(String address) {
        return given().contentType("application/json").header("X-Forwarded-For", address);
    }

    private static String comment(String url, String name, String email, String body) {
        return """
                {"site":"default","threadUrl":"%s","author":{"name":"%s"%s},"body":"%s"}
                """.formatted(url, name, email == null ? "" : ",\"email\":\"" + email + "\"", body);
    }

    @Test
    void anAddressThatPostsTooMuchIsToldWhenToComeBack() {
        for (int i = 0; i < 3; i++) {
            from("198.51.100.1").body(comment("https://news.example/rate/" + i, "Reader " + i, null, "Point " + i))
                    .post("/api/v1/comments").then().statusCode(202);
        }
        from("198.51.100.1").body(comment("https://news.example/rate/4", "Reader 4", null, "Point 4"))
                .post("/api/v1/comments")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        // Someone else is not affected.
        from("198.51.100.2").body(comment("https://news.example/rate/5", "Other", null, "Mine"))
                .post("/api/v1/comments").then().statusCode(202);
    }

    @Test
    void oneEmailIsLimitedAcrossAddresses() {
        // On a site without the flood rule, the email's own bucket (2 at once here) is what stops a third post.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into site (id, flood_interval_seconds) values ('no-flood', 0) on conflict do nothing")
                .executeUpdate());
        for (int i = 1; i <= 2; i++) {
            from("198.51.100.1" + i).body(comment("https://news.example/email/" + i, "Cy", "cy@example.org", "Take " + i)
                    .replace("\"default\"", "\"no-flood\"")).post("/api/v1/comments").then().statusCode(202);
        }
        from("198.51.100.13").body(comment("https://news.example/email/3", "Cy", "cy@example.org", "Take 3")
                .replace("\"default\"", "\"no-flood\"")).post("/api/v1/comments")
                .then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void theSameAuthorPostingAgainAtOnceIsAFlood() {
        from("198.51.100.20").body(comment("https://news.example/flood/1", "Di", "di@example.org", "First thought"))
                .post("/api/v1/comments").then().statusCode(202);
        var answer = from("198.51.100.21")
                .body(comment("https://news.example/flood/2", "Di", "di@example.org", "Second thought"))
                .post("/api/v1/comments")
                .then().statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("too quickly"))
                .extract();
        int retryAfter = Integer.parseInt(answer.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 15, "Retry-After " + retryAfter);
    }

    @Test
    void theSameTextTwiceInAThreadIsADuplicate() {
        String body = comment("https://news.example/duplicate", "Ed", null, "I said it once.");
        from("198.51.100.30").body(body).post("/api/v1/comments").then().statusCode(202);
        from("198.51.100.30").body(body).post("/api/v1/comments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already posted"));
    }

    @Test
    void honeypotAndFormTimingAreSignalsForSpamCheckNotRefusals() {
        String formShown = Instant.now().minusMillis(800).toString();
        String id = from("198.51.100.40").body("""
                {"site":"default","threadUrl":"https://news.example/bot","author":{"name":"Bot"},
                 "body":"Great article!","honeypot":"http://bot.example","formRenderedAt":"%s"}""".formatted(formShown))
                .header("User-Agent", "Mozilla/5.0 (X11) Bot").header("Referer", "https://news.example/bot")
                .post("/api/v1/comments").then().statusCode(202).extract().path("id");
        EventSink sink = IntakeTestSupport.sink();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.accepted("/spam-check/", id).isEmpty());
        JsonPath event = JsonPath.from(sink.accepted("/spam-check/", id).get(0).body());
        assertEquals(true, event.getBoolean("payload.signals.honeypotFilled"));
        assertTrue(event.getDouble("payload.signals.secondsToSubmit") < 5.0);
        assertEquals("198.51.100.40", event.getString("payload.clientIp"));
        assertEquals("Mozilla/5.0 (X11) Bot", event.getString("payload.userAgent"));
        assertEquals("https://news.example/bot", event.getString("payload.referrer"));
        assertEquals("https://news.example/bot#comment-" + id, event.getString("payload.permalink"));
    }

    @Test
    void aReaderWhoAsksForRepliesMustGiveAnAddressAndPublicationHearsOfTheWish() {
        from("198.51.100.41").body("""
                {"site":"default","threadUrl":"https://news.example/notify","author":{"name":"Ann"},
                 "body":"Tell me when someone answers.","notifyReplies":true}""")
                .post("/api/v1/comments").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("author.email"));
        from("198.51.100.41").body("""
                {"site":"default","threadUrl":"https://news.example/notify","author":{"name":"Ann"},
                 "body":"Tell me when someone answers.","notifyReplies":"yes please"}""")
                .post("/api/v1/comments").then().statusCode(400).contentType("application/problem+json");
        String id = from("198.51.100.41").body("""
                {"site":"default","threadUrl":"https://news.example/notify","author":{"name":"Ann","email":"ann@example.org"},
                 "body":"Tell me when someone answers.","notifyReplies":true}""")
                .post("/api/v1/comments").then().statusCode(202).extract().path("id");
        EventSink sink = IntakeTestSupport.sink();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.accepted("/publication/", id).isEmpty());
        assertEquals(true, JsonPath.from(sink.accepted("/publication/", id).get(0).body()).getBoolean("payload.notifyReplies"));
    }
}
