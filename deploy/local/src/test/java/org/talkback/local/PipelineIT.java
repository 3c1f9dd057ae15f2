package org.talkback.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three services as separate processes, driven only through their public HTTP APIs. */
class PipelineIT {
    static TalkbackStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackFixture.start("pipeline");
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReadersCommentIsPublishedAndTheAuthorSeesIt() {
        String url = "https://news.example/2016/01/russia-afghanistan?id=" + UUID.randomUUID();
        Response posted = StackFixture.post(stack, url, "Ann", "I was there in 1988; this matches what I saw.");
        posted.then().statusCode(202);
        String id = posted.path("id");

        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.publishedIds(stack, url).contains(id));
        given().baseUri(stack.publication().url()).queryParam("site", "default").queryParam("url", url)
                .get("/api/v1/threads/comments").then()
                .body("comments[0].bodyHtml", org.hamcrest.Matchers.equalTo("<p>I was there in 1988; this matches what I saw.</p>"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> StackFixture.authorStatus(stack, id, posted.path("editToken")).equals("published"));
    }

    @Test
    void linksEditedInAfterPublicationAreCheckedAgainAndTheCommentComesDown() {
        String url = "https://news.example/edit-later-" + UUID.randomUUID();
        Response posted = StackFixture.post(stack, url, "Patient Spammer", "Great article, thanks.");
        String id = posted.path("id");
        String token = posted.path("editToken");
        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.publishedIds(stack, url).contains(id));

        given().baseUri(stack.intake().url()).contentType("application/json").header("X-Edit-Token", token)
                .body("{\"body\":\"Great article, thanks. https://pills.example/a https://pills.example/b\"}")
                .patch("/api/v1/comments/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> queue("held").contains(id));
        assertEquals(List.of(), StackFixture.publishedIds(stack, url));
        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.authorStatus(stack, id, token).equals("held"));

        // The author gives up and deletes it: it leaves the moderators' queue too.
        given().baseUri(stack.intake().url()).header("X-Edit-Token", token).delete("/api/v1/comments/" + id)
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue("held").contains(id));
    }

    @Test
    void spamWaitsInTheModerationQueueAndIsNeverShown() {
        String url = "https://news.example/spam-target-" + UUID.randomUUID();
        Response spam = StackFixture.post(stack, url, "viagra-test-123", "Totally normal comment");
        Response links = StackFixture.post(stack, url, "Linker", "Read https://a.example/1 and https://b.example/2");
        spam.then().statusCode(202);
        links.then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> queue("spam").contains(spam.<String>path("id")));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue("held").contains(links.<String>path("id")));
        assertEquals(List.of(), StackFixture.publishedIds(stack, url));
        // The author's own view follows the decision a moment later: publication's status changes for intake
        // gather for up to 250 ms (their subscriber's linger) before they go.
        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.authorStatus(stack, spam.path("id"), spam.path("editToken")).equals("held"));
        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.authorStatus(stack, links.path("id"), links.path("editToken")).equals("held"));
        given().baseUri(stack.publication().url()).get("/api/v1/moderation/queue").then().statusCode(401);
    }

    @Test
    void whileSpamCheckIsDownCommentsWaitUnpublishedAndFlowWhenItReturns() throws Exception {
        String url = "https://news.example/outage-" + UUID.randomUUID();
        stack.spamCheck().stop();
        try {
            List<Response> posted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Response response = StackFixture.post(stack, url, "Reader " + i, "Comment number " + i);
                response.then().statusCode(202);
                posted.add(response);
            }
            Thread.sleep(3000);
            assertEquals(List.of(), StackFixture.publishedIds(stack, url), "nothing is published unchecked");
            for (Response response : posted) {
                assertEquals("pending", StackFixture.authorStatus(stack, response.path("id"), response.path("editToken")));
            }
        } finally {
            stack.spamCheck().start();
            stack.spamCheck().awaitReady(Duration.ofSeconds(60));
        }
        // The outage paused the destination, not its events: they waited due, and the relay's next probe (at most
        // 2 s after the last) takes them all, rather than each event's own backoff of up to 30 s.
        await().atMost(Duration.ofSeconds(20)).until(() -> StackFixture.publishedIds(stack, url).size() == 5);
        given().baseUri(stack.intake().url()).get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("talkback_outbox_deliveries_total{destination=\"spam-check\",outcome=\"unreachable\"}"))
                .body(not(org.hamcrest.Matchers.containsString("talkback_outbox_parked 1.0")));
    }

    @Test
    void everyServiceReportsReadyWithItsDatabaseExportsOutboxMetricsAndDescribesItsApi() {
        for (ServiceProcess service : stack.services()) {
            given().baseUri(service.url()).get("/q/health/ready").then().statusCode(200)
                    .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Database")));
            String metrics = given().baseUri(service.url()).get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("talkback_outbox_backlog"), service.name());
            assertTrue(metrics.contains("talkback_outbox_oldest_pending_age_seconds"), service.name());
            assertTrue(metrics.contains("talkback_outbox_parked"), service.name());
        }
        given().baseUri(stack.intake().url()).get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/comments/{id}"));
        given().baseUri(stack.publication().url()).get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/threads/comments"))
                .body(org.hamcrest.Matchers.containsString("/api/v1/moderation/queue"));
    }

    @Test
    void anAdminsNewSiteReachesIntakeAndAModeratorsApprovalReachesReadersAndTheAuthor() {
        String site = "gazette-" + Long.toString(System.nanoTime(), 36);
        given().baseUri(stack.publication().url()).auth().basic("admin", "e2e-admin-password")
                .contentType("application/json")
                .body("{\"moderationMode\":\"pre\",\"requireEmail\":true,\"moderationWords\":[\"referendum\"]}")
                .put("/api/v1/admin/sites/" + site).then().statusCode(200);

        String url = "https://gazette.example/vote-" + UUID.randomUUID();
        String noEmail = """
                {"site":"%s","threadUrl":"%s","author":{"name":"Ann"},"body":"Hello"}""".formatted(site, url);
        // Until SiteConfigured reaches intake the site is unknown there; then its rule (email required) applies.
        await().atMost(Duration.ofSeconds(15)).until(() -> given().baseUri(stack.intake().url())
                .contentType("application/json").body(noEmail).post("/api/v1/comments").asString().contains("author.email"));
        Response posted = given().baseUri(stack.intake().url()).contentType("application/json").body("""
                {"site":"%s","threadUrl":"%s","author":{"name":"Ann","email":"ann@example.org"},
                 "body":"Pre-moderated: waits for a person."}""".formatted(site, url)).post("/api/v1/comments");
        posted.then().statusCode(202);
        String id = posted.path("id");
        String token = posted.path("editToken");
        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.authorStatus(stack, id, token).equals("held"));

        int version = given().baseUri(stack.publication().url()).auth().basic("moderator", StackFixture.MODERATOR_PASSWORD)
                .queryParam("site", site).queryParam("state", "held").get("/api/v1/moderation/queue")
                .then().statusCode(200).extract().path("items[0].comment.version");
        given().baseUri(stack.publication().url()).auth().basic("moderator", StackFixture.MODERATOR_PASSWORD)
                .contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body("{\"action\":\"approve\",\"reason\":\"fine\"}")
                .post("/api/v1/moderation/comments/" + id + "/decision").then().statusCode(200);
        given().baseUri(stack.publication().url()).queryParam("site", site).queryParam("url", url)
                .get("/api/v1/threads/comments").then().body("comments.id", hasItem(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> StackFixture.authorStatus(stack, id, token).equals("published"));
    }

    private static List<String> queue(String state) {
        return given().baseUri(stack.publication().url()).auth().basic("moderator", StackFixture.MODERATOR_PASSWORD)
                .queryParam("state", state).get("/api/v1/moderation/queue")
                .then().statusCode(200).extract().jsonPath().getList("items.comment.id");
    }
}
