package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/** What an attacker (or a broken widget) might send: each is refused with a problem document and changes nothing. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class HostileInputTest {
    private static final String URL = "https://news.example/hostile";

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    static String valid(String field, String value) {
        String name = field.equals("name") ? value : "Ann";
        String body = field.equals("body") ? value : "A fair point about the council.";
        String url = field.equals("url") ? value : "https://ann.example";
        String site = field.equals("site") ? value : "default";
        return """
                {"site":"%s","threadUrl":"%s","author":{"name":"%s","email":"ann@example.org","url":"%s"},"body":"%s"}
                """.formatted(site, URL, name, url, body);
    }

    static Stream<Arguments> hostileRequests() {
        byte[] invalidUtf8 = valid("body", "caf_").replace("caf_", "caf\u0000").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[indexOf(invalidUtf8, (byte) 0)] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8
        byte[] overlong = valid("body", "x").getBytes(StandardCharsets.UTF_8);
        int x = indexOf(overlong, (byte) 'x');
        byte[] withOverlong = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, withOverlong, 0, x);
        withOverlong[x] = (byte) 0xC0; // an overlong encoding of '/', forbidden in UTF-8
        withOverlong[x + 1] = (byte) 0xAF;
        System.arraycopy(overlong, x + 1, withOverlong, x + 2, overlong.length - x - 1);
        return Stream.of(
                Arguments.of("oversized body", 413, json("{\"body\":\"" + "a".repeat(70_000) + "\"}")),
                Arguments.of("broken JSON", 400, json("{\"site\":\"default\",")),
                Arguments.of("JSON array instead of object", 400, json("[1,2,3]")),
                Arguments.of("wrong type for author", 400, json("{\"site\":\"default\",\"author\":42}")),
                Arguments.of("wrong type for body", 400, json("{\"site\":\"default\",\"body\":{\"$gt\":\"\"}}")),
                Arguments.of("invalid UTF-8 bytes", 400, bytes(invalidUtf8)),
                Arguments.of("overlong UTF-8 encoding", 400, bytes(withOverlong)),
                Arguments.of("10,000 combining characters", 400, json(valid("body", "Z" + "\u0301".repeat(10_000)))),
                Arguments.of("script tag in the body", 400, json(valid("body", "<script>alert(1)</script>"))),
                Arguments.of("script tag in the name", 400, json(valid("name", "<SCRIPT src=//evil.example>"))),
                Arguments.of("javascript: author URL", 400, json(valid("url", "javascript:alert(1)"))),
                Arguments.of("data: author URL", 400, json(valid("url", "data:text/html,<b>hi</b>"))),
                Arguments.of("SQL in the site", 400, json(valid("site", "default' OR '1'='1"))),
                Arguments.of("SQL in the parent id", 400,
                        json(valid("body", "hi").replace("\"body\"", "\"parentId\":\"1; DROP TABLE comment\",\"body\""))),
                Arguments.of("NUL in the body", 400, json(valid("body", "before\\u0000after"))),
                Arguments.of("NUL in the name", 400, json(valid("name", "Ann\\u0000"))),
                Arguments.of("unknown site", 400, json(valid("site", "no-such-site"))),
                Arguments.of("very long User-Agent header", 431,
                        (Supplier<RequestSpecification>) () -> given().contentType("application/json")
                                .header("User-Agent", "x".repeat(20_000)).body(valid("body", "hello"))),
                Arguments.of("very long header of another name", 431,
                        (Supplier<RequestSpecification>) () -> given().contentType("application/json")
                                .header("X-Padding", "y".repeat(9_000)).body(valid("body", "hello"))),
                Arguments.of("text/plain content type", 415,
                        (Supplier<RequestSpecification>) () -> given().contentType("text/plain").body("hello")),
                Arguments.of("form-encoded content type", 415,
                        (Supplier<RequestSpecification>) () -> given().contentType("application/x-www-form-urlencoded")
                                .body("site=default&body=hello")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedWithAProblemAndChangesNothing(String name, int status, Supplier<RequestSpecification> request) {
        String before = IntakeTestSupport.footprint(entityManager);
        String answer = request.get().post("/api/v1/comments")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", not(equalTo(null)))
                .extract().asString();
        // No stack trace, no class names, no SQL in what the client sees.
        for (String leak : new String[] {"Exception", "at org.", "at io.", "SQL", "jdbc", "hibernate"}) {
            org.junit.jupiter.api.Assertions.assertFalse(answer.contains(leak), () -> "answer leaks " + leak + ": " + answer);
        }
        assertEquals(before, IntakeTestSupport.footprint(entityManager));
    }

    @Test
    void fieldsAreNamedWhenSeveralAreWrongAtOnce() {
        given().contentType("application/json")
                .body("""
                        {"site":"default","threadUrl":"ftp://news.example/a","author":{"name":"","email":"not-an-email",
                         "url":"javascript:alert(1)"},"body":"  ","threadTitle":"%s"}""".formatted("t".repeat(301)))
                .post("/api/v1/comments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", allOf(hasItem("threadUrl"), hasItem("author.name"), hasItem("author.email"),
                        hasItem("author.url"), hasItem("body"), hasItem("threadTitle")));
    }

    @Test
    void textIsNormalisedAndControlCharactersDropped() {
        // "é" as e + combining acute (NFD) is stored as the single character é (NFC); a bell and an escape, sent
        // as JSON escapes (raw ones are not JSON), vanish.
        var answer = given().contentType("application/json")
                .body(valid("body", "Cafe\u0301 society\\u0007 and \\u001b[31mred\\u001b[0m").replace("Ann", "Anne"))
                .post("/api/v1/comments").then().statusCode(202).extract();
        given().header("X-Edit-Token", answer.path("editToken").toString()).get("/api/v1/comments/" + answer.path("id"))
                .then().statusCode(200)
                .body("body", equalTo("Caf\u00e9 society and [31mred[0m"));
    }

    @Test
    void markupThatIsNotAScriptIsKeptAsText() {
        var answer = given().contentType("application/json")
                .body(valid("body", "Use <b> for bold & 1 < 2").replace("Ann", "Bea"))
                .post("/api/v1/comments").then().statusCode(202).extract();
        given().header("X-Edit-Token", answer.path("editToken").toString()).get("/api/v1/comments/" + answer.path("id"))
                .then().statusCode(200).body("body", equalTo("Use <b> for bold & 1 < 2"));
    }

    @Test
    void aHeaderBeyondTheServersOwnLimitIsStillRefused() {
        // Past Vert.x's 64 KiB header backstop the refusal is Vert.x's own (no problem body); it is still a 4xx.
        given().contentType("application/json").header("X-Padding", "z".repeat(70_000)).body(valid("body", "hi"))
                .post("/api/v1/comments")
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)));
    }

    @Test
    void anOversizedBodyIsNamedInTheProblem() {
        given().contentType("application/json").body("{\"body\":\"" + "a".repeat(70_000) + "\"}")
                .post("/api/v1/comments")
                .then().statusCode(413).body("detail", containsString("65536 bytes"));
    }

    private static Supplier<RequestSpecification> json(String body) {
        return () -> given().contentType("application/json").body(body);
    }

    private static Supplier<RequestSpecification> bytes(byte[] body) {
        return () -> given().contentType("application/json").body(body);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
