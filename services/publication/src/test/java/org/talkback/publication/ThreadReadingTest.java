package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.talkback.publication.PublicationEvents.classified;
import static org.talkback.publication.PublicationEvents.deliver;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.threads.ThreadPosition;

/** What article pages load: threads in reading order, pages, counts, validators and the page cache. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class ThreadReadingTest {

    @Inject
    EntityManager entityManager;

    /** Publishes comments into one thread the way intake and spam-check would, positions included. */
    static final class Conversation {
        final String url = "https://news.example/politics/" + UUID.randomUUID();
        private final Map<UUID, String> positions = Collections.synchronizedMap(new HashMap<>());
        private Instant clock = Instant.parse("2026-11-27T08:00:00Z");

        synchronized UUID comment(String author, String body) {
            return reply(null, author, body);
        }

        synchronized UUID reply(UUID parent, String author, String body) {
            UUID id = submit(parent, author, body);
            deliver(classified(id, "ham", false)).then().statusCode(200);
            return id;
        }

        /** Submitted but not (yet) classified: pending, invisible. */
        synchronized UUID submit(UUID parent, String author, String body) {
            clock = clock.plusSeconds(1);
            UUID id = UUID.randomUUID();
            String position = parent == null ? ThreadPosition.topLevel(clock, id)
                    : ThreadPosition.replyTo(positions.get(parent), clock, id);
            positions.put(id, position);
            deliver(PublicationEvents.submitted(id, url, parent, position, author, author.toLowerCase() + "@example.org",
                    body, clock)).then().statusCode(200);
            return id;
        }

        RequestSpecification read() {
            return given().queryParam("site", "default").queryParam("url", url);
        }
    }

    @Test
    void repliesFollowTheirParentAndOnlyPublishedCommentsCount() {
        Conversation thread = new Conversation();
        UUID ann = thread.comment("Ann", "The minister's figures do not add up.");
        UUID bob = thread.comment("Bob", "Which figures?");
        UUID carlToAnn = thread.reply(ann, "Carl", "They do if you count the pensions.");
        UUID annToCarl = thread.reply(carlToAnn, "Ann", "Pensions are in the second table.");
        UUID danToBob = thread.reply(bob, "Dan", "Page 4.");
        UUID spam = thread.submit(ann, "Eve", "cheap pills");
        deliver(classified(spam, "spam", false)).then().statusCode(200);
        UUID evaToAnn = thread.reply(ann, "Eva", "Late reply to Ann.");

        thread.read().get("/api/v1/threads/comments").then().statusCode(200)
                .body("comments.id", contains(ann.toString(), carlToAnn.toString(), annToCarl.toString(),
                        evaToAnn.toString(), bob.toString(), danToBob.toString()))
                .body("comments.find { it.id == '%s' }.parentId".formatted(annToCarl), equalTo(carlToAnn.toString()))
                .body("thread.count", equalTo(6))
                .body("thread.state", equalTo("open"))
                .body("thread.title", equalTo("A test article"));
    }

    @Test
    void pagingWhileReadersReplyNeitherSkipsNorRepeats() throws Exception {
        Conversation thread = new Conversation();
        List<UUID> before = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            before.add(i % 3 == 2 ? thread.reply(before.get(i - 1), "R" + i, "reply " + i) : thread.comment("C" + i, "comment " + i));
        }
        // While one reader pages through, others keep replying, to early comments as well as at the end.
        CompletableFuture<Void> replies = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                if (i % 2 == 0) {
                    thread.reply(before.get(i), "Late" + i, "late reply " + i);
                } else {
                    thread.comment("New" + i, "new comment " + i);
                }
            }
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = thread.read().queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("comments.id"));
            cursor = page.getString("nextCursor");
            Thread.sleep(20);
        } while (cursor != null);
        replies.get(60, TimeUnit.SECONDS);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "a comment was repeated across pages: " + seen);
        for (UUID id : before) {
            assertTrue(seen.contains(id.toString()), "comment " + id + " existed before paging began but was skipped");
        }
        thread.read().queryParam("limit", 100).get("/api/v1/threads/comments").then().body("thread.count", equalTo(44));
    }

    @Test
    void countsForManyArticlesAtOnceKeyedAsGiven() {
        Conversation busy = new Conversation();
        busy.comment("Ann", "one");
        busy.comment("Bob", "two");
        busy.submit(null, "Cy", "pending, not counted");
        String quiet = "https://news.example/no-comments-yet-" + UUID.randomUUID();
        String tracked = busy.url + "?utm_source=newsletter#comments";

        given().queryParam("site", "default").queryParam("url", busy.url, quiet, tracked, "not a url")
                .get("/api/v1/threads/counts").then().statusCode(200)
                .body("'" + busy.url + "'", equalTo(2))
                .body("'" + quiet + "'", equalTo(0))
                .body("'" + tracked + "'", equalTo(2))
                .body("'not a url'", equalTo(0));
        given().queryParam("site", "nosuch").queryParam("url", quiet).get("/api/v1/threads/counts")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMatchingETagGetsA304AndANewCommentChangesIt() {
        Conversation thread = new Conversation();
        thread.comment("Ann", "first");
        Response first = thread.read().get("/api/v1/threads/comments");
        first.then().statusCode(200).header("Cache-Control", containsString("max-age=5"));
        String etag = first.header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), "a strong ETag: " + etag);

        thread.read().header("If-None-Match", etag).get("/api/v1/threads/comments")
                .then().statusCode(304).header("ETag", equalTo(etag)).body(emptyString());
        thread.read().header("If-None-Match", "\"something-else\", W/" + etag).get("/api/v1/threads/comments")
                .then().statusCode(304);

        // The page above is now held in memory; a publication must replace it at once, not after a timeout.
        UUID second = thread.comment("Bob", "second");
        await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() ->
                thread.read().header("If-None-Match", etag).get("/api/v1/threads/comments").then().statusCode(200)
                        .body("comments.id", hasItem(second.toString())).body("thread.count", equalTo(2)));
        String newEtag = thread.read().get("/api/v1/threads/comments").header("ETag");
        assertNotEquals(etag, newEtag);

        // Removal invalidates as well: a comment taken down disappears from the cached page.
        deliver(PublicationEvents.retracted(second)).then().statusCode(200);
        await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() ->
                thread.read().get("/api/v1/threads/comments").then()
                        .body("comments.id", not(hasItem(second.toString()))).body("thread.count", equalTo(1)));
    }

    @Test
    void aChangeMadeByAnotherInstanceReachesThisInstancesCacheThroughTheChangeLog() {
        Conversation thread = new Conversation();
        thread.comment("Ann", "Cached here.");
        thread.read().get("/api/v1/threads/comments").then().body("thread.count", equalTo(1)); // now in the cache
        UUID elsewhere = UUID.randomUUID();
        // What another publication instance's transaction leaves behind (this instance hears nothing directly).
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    insert into published_comment (comment_id, site_id, thread_url, thread_position, author_name, body_html, created_at)
                    values (?1, 'default', ?2, 'ffffffffffffff', 'Bob', '<p>From another instance.</p>', now())
                    """).setParameter(1, elsewhere).setParameter(2, thread.url).executeUpdate();
            entityManager.createNativeQuery("""
                    with bumped as (update thread set change_seq = change_seq + 1, published_count = published_count + 1
                                     where site_id = 'default' and url = ?1 returning change_seq)
                    insert into thread_change (site_id, thread_url, seq, comment_id, kind)
                    select 'default', ?1, change_seq, ?2, 'shown' from bumped
                    """).setParameter(1, thread.url).setParameter(2, elsewhere).executeUpdate();
        });
        await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> thread.read().get("/api/v1/threads/comments")
                .then().body("comments.id", hasItem(elsewhere.toString())).body("thread.count", equalTo(2)));
    }

    @Test
    void anEditedCommentIsShownWithItsNewTextAndKeepsItsPlace() {
        Conversation thread = new Conversation();
        UUID ann = thread.comment("Ann", "Frist!");
        UUID bob = thread.comment("Bob", "Hello.");
        thread.read().get("/api/v1/threads/comments").then().body("comments[0].bodyHtml", equalTo("<p>Frist!</p>"));
        deliver(PublicationEvents.edited(ann, 2, "First, and corrected.")).then().statusCode(200);
        deliver(PublicationEvents.classified(ann, 2, "ham")).then().statusCode(200);
        await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() ->
                thread.read().get("/api/v1/threads/comments").then()
                        .body("comments.id", contains(ann.toString(), bob.toString()))
                        .body("comments[0].bodyHtml", equalTo("<p>First, and corrected.</p>"))
                        .body("comments[0].editedAt", notNullValue())
                        .body("comments[1].editedAt", nullValue()));
    }

    @Test
    void readsFromOtherOriginsFollowTheSitesAllowedOrigins() {
        Conversation thread = new Conversation();
        thread.comment("Ann", "hello");
        thread.read().header("Origin", "https://news.example").get("/api/v1/threads/comments").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://news.example"))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Vary", containsString("Origin"));
        thread.read().header("Origin", "https://evil.example").get("/api/v1/threads/comments").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        thread.read().header("Origin", "https://news.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match")
                .options("/api/v1/threads/comments").then().statusCode(204)
                .header("Access-Control-Allow-Headers", containsString("If-None-Match"));
        thread.read().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/threads/comments").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void badReadsChangeNothingAndGetProblems() {
        given().queryParam("site", "default").queryParam("url", "javascript:alert(1)").get("/api/v1/threads/comments")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        given().queryParam("site", "default").queryParam("url", "https://news.example/a")
                .queryParam("cursor", java.util.Base64.getUrlEncoder().encodeToString("' or 1=1 --".getBytes()))
                .get("/api/v1/threads/comments").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("site", "nosuch").queryParam("url", "https://news.example/a").get("/api/v1/threads/feed.atom")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("site", "default").queryParam("url", "https://news.example/a").queryParam("limit", 101)
                .get("/api/v1/threads/comments").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
