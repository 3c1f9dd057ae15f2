package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.talkback.publication.PublicationEvents.classified;
import static org.talkback.publication.PublicationEvents.deliver;
import static org.talkback.publication.PublicationEvents.edited;
import static org.talkback.publication.PublicationEvents.flagged;
import static org.talkback.publication.PublicationEvents.retracted;
import static org.talkback.publication.PublicationEvents.submitted;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/** What authors (edits, deletions) and readers (reports) do to a comment after it was first decided. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class AuthorAndReaderEventsTest {

    @BeforeEach
    void otherServices() {
        EventSink.shared(18993);
    }

    private static ValidatableResponse thread(String url) {
        return given().queryParam("site", "default").queryParam("url", url).get("/api/v1/threads/comments")
                .then().statusCode(200);
    }

    private static ValidatableResponse queue(String state) {
        return given().auth().basic("moderator", "test-moderator-password").queryParam("site", "default")
                .queryParam("state", state).queryParam("limit", 100).get("/api/v1/moderation/queue")
                .then().statusCode(200);
    }

    private static UUID published(String url, String body) {
        UUID id = UUID.randomUUID();
        deliver(submitted(id, url, "Ann Reader", "ann-" + id + "@example.org", body)).then().statusCode(200);
        deliver(classified(id, 1, "ham")).then().statusCode(200);
        thread(url).body("comments.id", hasItem(id.toString()));
        return id;
    }

    @Test
    void anEditedCommentKeepsItsOldTextUntilTheNewTextIsJudged() {
        String url = "https://news.example/edited-" + UUID.randomUUID();
        UUID id = published(url, "The figures look right.");
        deliver(edited(id, 2, "The figures look right, see https://data.example/x")).then().statusCode(200);
        thread(url).body("comments[0].bodyHtml", equalTo("<p>The figures look right.</p>"))
                .body("thread.count", equalTo(1));

        deliver(classified(id, 2, "ham")).then().statusCode(200);
        thread(url).body("comments[0].bodyHtml", containsString("https://data.example/x"))
                .body("comments[0].editedAt", notNullValue())
                .body("thread.count", equalTo(1));
    }

    @Test
    void anEditJudgedSpamTakesThePublishedCommentDown() {
        String url = "https://news.example/edited-spam-" + UUID.randomUUID();
        UUID id = published(url, "Clean at first.");
        deliver(edited(id, 2, "Now with cheap pills at http://pills.example")).then().statusCode(200);
        deliver(classified(id, 2, "spam")).then().statusCode(200);
        thread(url).body("comments", empty()).body("thread.count", equalTo(0));
        queue("spam").body("items.comment.id", hasItem(id.toString()));
    }

    @Test
    void aVerdictForAnOlderRevisionDoesNotPublishANewerText() {
        // spam-check judged revision 2 before publication saw the edit; a late verdict on revision 1 changes nothing.
        String url = "https://news.example/late-verdict-" + UUID.randomUUID();
        UUID id = published(url, "Version one.");
        deliver(classified(id, 2, "spam")).then().statusCode(200);
        deliver(edited(id, 2, "Version two, with spam.")).then().statusCode(200);
        thread(url).body("comments", empty());
        deliver(classified(id, 1, "ham")).then().statusCode(200);
        thread(url).body("comments", empty());
    }

    @Test
    void aRetractedCommentLeavesTheThreadAndTheQueue() {
        String url = "https://news.example/retracted-" + UUID.randomUUID();
        UUID id = published(url, "I take this back.");
        UUID other = published(url, "I stand by mine.");
        deliver(retracted(id)).then().statusCode(200);
        thread(url).body("comments.id", contains(other.toString())).body("thread.count", equalTo(1));
        queue("published").body("items.comment.id", not(hasItem(id.toString())));
        // A late verdict or a report for it brings nothing back.
        deliver(classified(id, 1, "ham")).then().statusCode(200);
        deliver(flagged(id, "abuse")).then().statusCode(200);
        thread(url).body("comments.id", contains(other.toString()));
    }

    @Test
    void enoughReportsSendACommentToTheFlaggedQueueWhileItStaysVisible() {
        String url = "https://news.example/flagged-" + UUID.randomUUID();
        UUID id = published(url, "A strong opinion.");
        deliver(flagged(id, "abuse")).then().statusCode(200);
        deliver(flagged(id, "off-topic")).then().statusCode(200);
        queue("flagged").body("items.comment.id", not(hasItem(id.toString())));
        deliver(flagged(id, "abuse")).then().statusCode(200);
        queue("flagged").body("items.comment.id", hasItem(id.toString()));
        thread(url).body("comments.id", hasItem(id.toString()));
    }
}
