package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.talkback.publication.PublicationEvents.classified;
import static org.talkback.publication.PublicationEvents.deliver;
import static org.talkback.publication.PublicationEvents.submitted;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class PublicationFlowTest {

    @Inject
    EntityManager entityManager;

    EventSink others;

    @BeforeEach
    void freshSink() {
        others = EventSink.shared(18993);
        others.clear();
    }

    @AfterEach
    void postModeration() {
        setMode("post");
    }

    @Test
    void aHamCommentIsPublishedRenderedAndAnnouncedToIntake() {
        UUID id = UUID.randomUUID();
        String url = "https://news.example/ham-" + id;
        deliver(submitted(id, url, "Ann Reader", "ann@example.org", "Good piece.\n\nSource: https://gov.example/report"))
                .then().statusCode(200);
        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments", empty());

        deliver(classified(id, "ham", false)).then().statusCode(200);

        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().statusCode(200)
                .body("thread.count", equalTo(1))
                .body("thread.state", equalTo("open"))
                .body("thread.title", equalTo("A test article"))
                .body("comments[0].id", equalTo(id.toString()))
                .body("comments[0].author.name", equalTo("Ann Reader"))
                .body("comments[0].bodyHtml", equalTo("<p>Good piece.</p><p>Source: <a href=\"https://gov.example/report\" "
                        + "rel=\"nofollow ugc noopener\">https://gov.example/report</a></p>"));
        given().queryParam("site", "default").queryParam("url", url).queryParam("url", "https://news.example/none")
                .get("/api/v1/threads/counts")
                .then().body("'" + url + "'", equalTo(1)).body("'https://news.example/none'", equalTo(0));

        await().atMost(Duration.ofSeconds(5)).until(() -> !others.accepted("/comment-intake/", id.toString()).isEmpty());
        JsonPath status = JsonPath.from(others.accepted("/comment-intake/", id.toString()).get(0).body());
        assertEquals("CommentStatusChanged", status.getString("type"));
        assertEquals("published", status.getString("payload.status"));
    }

    @Test
    void theVerdictMayArriveBeforeTheText() {
        UUID id = UUID.randomUUID();
        String url = "https://news.example/early-verdict-" + id;
        deliver(classified(id, "ham", false)).then().statusCode(200);
        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments", empty());
        deliver(submitted(id, url, "Bo", "bo@example.org", "Text second")).then().statusCode(200);
        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments.id", contains(id.toString()));
    }

    @Test
    void redeliveredEventsPublishOnce() {
        UUID id = UUID.randomUUID();
        String url = "https://news.example/twice-" + id;
        String text = submitted(id, url, "Cy", "cy@example.org", "Only once please");
        String verdict = classified(id, "ham", false);
        deliver(text).then().body("outcome", equalTo("applied"));
        deliver(verdict).then().body("outcome", equalTo("applied"));
        deliver(verdict).then().body("outcome", equalTo("duplicate"));
        deliver(text).then().body("outcome", equalTo("duplicate"));

        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments.size()", equalTo(1)).body("thread.count", equalTo(1));
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> others.accepted("/comment-intake/", id.toString()).size() == 1);
    }

    @Test
    void unsureAndSpamWaitForModeratorsAndDiscardedStaysOutOfTheQueue() {
        UUID unsure = UUID.randomUUID();
        UUID spam = UUID.randomUUID();
        UUID blatant = UUID.randomUUID();
        String url = "https://news.example/queue-" + unsure;
        for (UUID id : List.of(unsure, spam, blatant)) {
            deliver(submitted(id, url, "Spammy", "s@example.org", "Buy now")).then().statusCode(200);
        }
        deliver(classified(unsure, "unsure", false)).then().statusCode(200);
        deliver(classified(spam, "spam", false)).then().statusCode(200);
        deliver(classified(blatant, "spam", true)).then().statusCode(200);

        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments", empty()).body("thread.count", equalTo(0));
        given().auth().basic("moderator", "test-moderator-password").queryParam("state", "held")
                .get("/api/v1/moderation/queue")
                .then().statusCode(200)
                .body("items.comment.id", hasItem(unsure.toString()))
                .body("items.comment.id", not(hasItem(blatant.toString())))
                .body("items.find { it.comment.id == '" + unsure + "' }.verdict.verdict", equalTo("unsure"))
                .body("items.find { it.comment.id == '" + unsure + "' }.verdict.reasons[0].code", equalTo("test"))
                .body("items.find { it.comment.id == '" + unsure + "' }.comment.version", equalTo(2));
        given().auth().basic("moderator", "test-moderator-password").queryParam("state", "spam")
                .get("/api/v1/moderation/queue")
                .then().body("items.comment.id", hasItem(spam.toString()))
                .body("items.comment.id", not(hasItem(blatant.toString())));
    }

    @Test
    void theQueueNeedsAModerator() {
        given().get("/api/v1/moderation/queue").then().statusCode(401).contentType("application/problem+json");
        given().auth().basic("moderator", "nope").get("/api/v1/moderation/queue").then().statusCode(401);
        given().auth().basic("admin", "test-admin-password").get("/api/v1/moderation/queue").then().statusCode(200);
        given().auth().basic("moderator", "test-moderator-password").get("/api/v1/admin/outbox/parked")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void preModerationHoldsEvenHam() {
        setMode("pre");
        UUID id = UUID.randomUUID();
        String url = "https://news.example/pre-" + id;
        deliver(submitted(id, url, "Di", "di@example.org", "Nice")).then().statusCode(200);
        deliver(classified(id, "ham", false)).then().statusCode(200);
        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments", empty());
        given().auth().basic("moderator", "test-moderator-password").get("/api/v1/moderation/queue")
                .then().body("items.comment.id", hasItem(id.toString()));
    }

    @Test
    void firstTimeModerationHoldsOnlyNewAuthors() {
        setMode("first-time");
        String url = "https://news.example/first-time-" + UUID.randomUUID();
        String newcomer = "new-" + UUID.randomUUID() + "@example.org";
        UUID first = UUID.randomUUID();
        deliver(submitted(first, url, "Newcomer", newcomer, "Hello")).then().statusCode(200);
        deliver(classified(first, "ham", false)).then().statusCode(200);
        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments", empty());

        setMode("post");
        UUID published = UUID.randomUUID();
        String regular = "regular-" + UUID.randomUUID() + "@example.org";
        deliver(submitted(published, url, "Regular", regular, "I post here")).then().statusCode(200);
        deliver(classified(published, "ham", false)).then().statusCode(200);
        setMode("first-time");
        UUID again = UUID.randomUUID();
        deliver(submitted(again, url, "Regular", regular, "And again")).then().statusCode(200);
        deliver(classified(again, "ham", false)).then().statusCode(200);
        given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().body("comments.id", contains(published.toString(), again.toString()));
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        String url = "https://news.example/paged-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 7; i++) {
            UUID id = UUID.randomUUID();
            // Two comments share each second: the cursor must order ties by id, not skip one of them.
            deliver(PublicationEvents.submitted(id, url, null, "R" + i, "r@example.org", "comment " + i,
                    start.plusSeconds(i / 2))).then().statusCode(200);
            deliver(classified(id, "ham", false)).then().statusCode(200);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("site", "default").queryParam("url", url).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("comments.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(7, seen.size());
        assertEquals(7, new HashSet<>(seen).size());
    }

    @Test
    void badReadsGetProblems() {
        given().queryParam("site", "nosuch").queryParam("url", "https://news.example/a").get("/api/v1/threads/comments")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("site", "default").get("/api/v1/threads/comments")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        given().queryParam("site", "default").queryParam("url", "https://news.example/a").queryParam("cursor", "garbage!")
                .get("/api/v1/threads/comments").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("site", "default").queryParam("url", "https://news.example/a").queryParam("limit", "lots")
                .get("/api/v1/threads/comments").then().statusCode(400);
    }

    private void setMode(String mode) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update site set moderation_mode = ?1 where id = 'default'")
                .setParameter(1, mode).executeUpdate());
    }
}
