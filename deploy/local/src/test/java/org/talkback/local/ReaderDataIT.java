package org.talkback.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reader asks for their data, then for its erasure: the admin sees what all three services keep about them,
 * and after the erasure none of the three keeps their email, address, browser or website, while the audit log says
 * an erasure happened and who did it, without the erased data.
 */
class ReaderDataIT {
    static TalkbackStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackFixture.start("reader-data");
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    static RequestSpecification admin() {
        return StackFixture.admin(stack);
    }

    static Response postAs(String url, String name, String email, String website, String body) {
        return given().baseUri(stack.intake().url()).contentType("application/json")
                .header("User-Agent", "ReaderBrowser/1.0 (erasure test)")
                .body("""
                        {"site":"default","threadUrl":"%s","author":{"name":"%s","email":"%s","url":"%s"},"body":"%s"}
                        """.formatted(url, name, email, website, body))
                .post("/api/v1/comments");
    }

    static JsonPath data(String email) {
        return admin().queryParam("email", email).get("/api/v1/admin/sites/default/authors")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aReadersDataIsShownFromAllThreeServicesAndErasedEverywhere() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "ann-" + run + "@example.org";
        String url = "https://news.example/erasure-" + run;
        String first = postAs(url, "Ann " + run, email, "https://ann-" + run + ".example", "I was at the meeting " + run + ".")
                .then().statusCode(202).extract().path("id");
        String second = postAs(url, "Ann " + run, email.toUpperCase(), "https://ann-" + run + ".example", "And a second thought.")
                .then().statusCode(202).extract().path("id");
        String other = postAs(url, "Bob", "bob-" + run + "@example.org", "https://bob.example", "Bob's view.")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> StackFixture.publishedIds(stack, url).size() == 3);

        JsonPath before = data(email);
        assertEquals(List.of(first, second), before.getList("publication.comments.id"));
        assertEquals(List.of(first, second), before.getList("commentIntake.comments.id"));
        assertEquals(2, before.getList("spamCheck.checks").size());
        assertTrue(before.getList("commentIntake.comments.userAgent", String.class).get(0).startsWith("ReaderBrowser"));
        assertEquals("127.0.0.1", before.getString("commentIntake.comments[0].clientIp"));
        assertEquals(email, before.getString("spamCheck.checks[0].authorEmail"));
        // A moderator's decision gives the author a reputation in spam-check.
        RequestSpecification moderator = StackFixture.moderator(stack).contentType("application/json");
        int version = moderator.queryParam("site", "default").queryParam("state", "published").queryParam("thread", url)
                .get("/api/v1/moderation/queue").then().statusCode(200).extract().jsonPath()
                .getInt("items.find { it.comment.id == '" + first + "' }.comment.version");
        StackFixture.moderator(stack)
                .contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body("{\"action\":\"ham\",\"reason\":\"a fine comment\"}")
                .post("/api/v1/moderation/comments/" + first + "/decision").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !data(email).getList("spamCheck.reputation").isEmpty());
        assertEquals("email:" + email, data(email).getString("spamCheck.reputation[0].author"));

        admin().queryParam("email", email).queryParam("comments", "anonymise").delete("/api/v1/admin/sites/default/authors")
                .then().statusCode(202);

        // intake and spam-check hear of it by event; then nothing personal is left anywhere.
        await().atMost(Duration.ofSeconds(20)).until(() -> admin().queryParam("email", email)
                .get("/api/v1/admin/sites/default/authors").jsonPath().getList("commentIntake.comments").isEmpty());
        JsonPath after = data(email);
        assertEquals(List.of(), after.getList("publication.comments"));
        assertEquals(List.of(), after.getList("spamCheck.checks"));
        assertEquals(List.of(), after.getList("spamCheck.reputation"));
        // The comments stay, anonymised, for readers; Bob's is untouched.
        JsonPath thread = given().baseUri(stack.publication().url()).queryParam("site", "default").queryParam("url", url)
                .get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("(erased)", "(erased)", "Bob"), thread.getList("comments.author.name"));
        assertEquals(null, thread.getString("comments[0].author.url"));
        String everything = thread.prettify();
        assertFalse(everything.contains(email) || everything.contains("ann-" + run + ".example"), everything);
        // Bob's data is all still there.
        assertEquals(List.of(other), data("bob-" + run + "@example.org").getList("commentIntake.comments.id"));

        // The audit says an erasure happened and who did it, and nothing of what was erased.
        String audit = StackFixture.moderator(stack).queryParam("site", "default")
                .queryParam("commentId", first).get("/api/v1/moderation/audit").then().statusCode(200).extract().asString();
        assertTrue(audit.contains("\"action\":\"erase\"") && audit.contains("\"actor\":\"admin\""), audit);
        assertFalse(audit.contains(email) || audit.contains("Ann " + run), audit);
    }

    @Test
    void anAnonymousReadersCommentsCanBeRemovedOutright() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String url = "https://news.example/removal-" + run;
        String name = "Quiet " + run;
        String id = given().baseUri(stack.intake().url()).contentType("application/json")
                .body("""
                        {"site":"default","threadUrl":"%s","author":{"name":"%s"},"body":"Please forget me later."}"""
                        .formatted(url, name))
                .post("/api/v1/comments").then().statusCode(202).extract().path("id");
        // Published or held for a moderator (an anonymous first comment may be either): publication has it.
        await().atMost(Duration.ofSeconds(20)).until(() -> admin().queryParam("name", name).queryParam("address", "127.0.0.1")
                .get("/api/v1/admin/sites/default/authors").jsonPath().getList("publication.comments.id").contains(id));

        admin().queryParam("name", name).get("/api/v1/admin/sites/default/authors").then().statusCode(400)
                .contentType("application/problem+json");
        JsonPath found = admin().queryParam("name", name).queryParam("address", "127.0.0.1")
                .get("/api/v1/admin/sites/default/authors").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id), found.getList("commentIntake.comments.id"));
        assertEquals(List.of(id), found.getList("publication.comments.id"), found.prettify());

        admin().queryParam("name", name).queryParam("address", "127.0.0.1").queryParam("comments", "remove")
                .delete("/api/v1/admin/sites/default/authors").then().statusCode(202).body("comments", org.hamcrest.Matchers.equalTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> admin().queryParam("name", name).queryParam("address", "127.0.0.1")
                .get("/api/v1/admin/sites/default/authors").jsonPath().getList("commentIntake.comments").isEmpty());
        assertEquals(List.of(), StackFixture.publishedIds(stack, url));
        for (String state : List.of("held", "published")) {
            assertFalse(StackFixture.moderator(stack).queryParam("site", "default")
                    .queryParam("state", state).queryParam("thread", url).get("/api/v1/moderation/queue")
                    .asString().contains(id), "gone from the " + state + " queue");
        }
        StackFixture.moderator(stack)
                .queryParam("site", "default").get("/api/v1/admin/sites/default/authors").then().statusCode(403);
    }
}
