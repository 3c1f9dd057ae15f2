package org.talkback.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An import into the three running services, read back only through their public APIs: threads, counts, statuses
 * and the queue as readers and moderators see them; a reader replying to an imported comment; spam-check knowing
 * the imported spam; and an import whose service is killed halfway, run again to completion.
 */
class ImportIT {
    static TalkbackStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackFixture.start("import");
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

    static RequestSpecification moderator() {
        return StackFixture.moderator(stack);
    }

    static String start(byte[] export) {
        return admin().contentType("application/octet-stream").body(export)
                .post("/api/v1/admin/sites/default/imports?format=disqus").then().statusCode(202).extract().path("id");
    }

    static JsonPath awaitEnd(String id) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                !"running".equals(admin().get("/api/v1/admin/sites/default/imports/" + id).path("state")));
        return admin().get("/api/v1/admin/sites/default/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** An export of {@code threads} articles with {@code perThread} comments each; every third a reply. */
    static byte[] export(String run, int threads, int perThread, String spamText) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
                """);
        for (int t = 0; t < threads; t++) {
            xml.append("<thread dsq:id=\"t%d\"><link>https://archive.example/%s/%d</link><title>Article %d</title></thread>\n"
                    .formatted(t, run, t, t));
        }
        int n = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++, n++) {
                boolean spam = spamText != null && i == perThread - 1;
                xml.append("<post dsq:id=\"%s-%d\"><message><![CDATA[<p>%s</p>]]></message>".formatted(run, n,
                                spam ? spamText : "Comment " + i + " on article " + t + ", from the archive."))
                        .append("<createdAt>2018-05-0%dT10:%02d:00Z</createdAt>".formatted(1 + t % 9, i % 60))
                        .append("<isDeleted>false</isDeleted><isSpam>%s</isSpam>".formatted(spam))
                        .append("<author><name>Reader %d</name><email>reader%d@example.org</email></author>".formatted(i, i))
                        .append("<thread dsq:id=\"t%d\"/>".formatted(t));
                if (i % 3 == 2) {
                    xml.append("<parent dsq:id=\"%s-%d\"/>".formatted(run, n - 1));
                }
                xml.append("</post>\n");
            }
        }
        return xml.append("</disqus>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void importedCommentsReadLikeAnyOtherAndReadersReplyToThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Words nothing else would call spam: only the newsroom's old decision (imported) can.
        String spam = "The coastal path near the harbour " + run + " was lovely this weekend, see you all there";
        JsonPath job = awaitEnd(start(export(run, 2, 6, spam)));
        assertEquals("done", job.getString("state"), job.prettify());
        assertEquals(12, job.getLong("counts.imported"));

        String article = "https://archive.example/" + run + "/0";
        JsonPath thread = given().baseUri(stack.publication().url()).queryParam("site", "default")
                .queryParam("url", article).get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
        assertEquals("Article 0", thread.getString("thread.title"));
        assertEquals(5, thread.getInt("thread.count"), "five shown, the spam not");
        assertEquals(thread.getString("comments[1].id"), thread.getString("comments[2].parentId"), "threading kept");
        given().baseUri(stack.publication().url()).queryParam("site", "default")
                .queryParam("url", article, "https://archive.example/" + run + "/1").get("/api/v1/threads/counts")
                .then().statusCode(200);
        List<String> spamQueue = moderator().queryParam("state", "spam").queryParam("thread", article)
                .get("/api/v1/moderation/queue").then().statusCode(200).extract().jsonPath().getList("items.comment.body");
        assertEquals(List.of(spam), spamQueue);

        // A reader replies to an imported comment through intake: intake has it, and the reply is published.
        String parent = thread.getString("comments[0].id");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(stack.intake().url()).contentType("application/json")
                .body("""
                        {"site":"default","threadUrl":"%s","parentId":"%s","author":{"name":"Newcomer","email":"new@example.org"},
                         "body":"Replying to a comment from before the move."}""".formatted(article, parent))
                .post("/api/v1/comments").statusCode() == 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> StackFixture.publishedIds(stack, article).size() == 6);

        // spam-check learned the imported spam: the same text posted now, by another account, is caught.
        String fresh = "https://news.example/after-import-" + run;
        String posted = StackFixture.post(stack, fresh, "Coastal Walker", spam).then().statusCode(202).extract().path("id");
        // Judged spam, with the rule that knows the text (sure enough spam is discarded: out of the queue too).
        // Until it is decided its audit is empty (on a slow machine, for longer than the first poll).
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> to = moderator().queryParam("site", "default").queryParam("commentId", posted)
                    .get("/api/v1/moderation/audit").then().statusCode(200).extract().jsonPath().getList("entries.to");
            return !to.isEmpty() && List.of("spam", "discarded").contains(to.get(to.size() - 1));
        });
    }

    @Test
    void anImportInterruptedByAKillCompletesWhenRunAgain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] export = export(run, 200, 100, null);
        String first = start(export);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                admin().get("/api/v1/admin/sites/default/imports/" + first).jsonPath().getLong("counts.imported") > 0);
        stack.publication().kill();
        stack.publication().start();
        stack.publication().awaitReady(Duration.ofSeconds(60));

        JsonPath again = awaitEnd(start(export));
        assertEquals("done", again.getString("state"), again.prettify());
        long imported = again.getLong("counts.imported");
        long alreadyThere = again.getLong("counts.alreadyThere");
        assertTrue(imported > 0 && alreadyThere > 0, "the first run had done part of it: " + again.prettify());
        assertEquals(20_000, imported + alreadyThere);
        // Every comment exactly once, in every thread.
        for (int t : new int[] {0, 99, 199}) {
            List<String> ids = StackFixture.publishedIds(stack, "https://archive.example/" + run + "/" + t);
            assertEquals(100, ids.size());
            assertEquals(100, new HashSet<>(ids).size());
        }
    }
}
