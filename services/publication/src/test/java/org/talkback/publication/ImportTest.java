package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/**
 * Admins import Disqus and WordPress exports and Talkback's own: what real exports get wrong is skipped or mended
 * with a reason, hostile files are refused with their position, and what is imported reads like any comment.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class ImportTest {

    EventSink others;

    @BeforeEach
    void freshSink() {
        others = EventSink.shared(18993);
        others.clear();
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "test-admin-password");
    }

    static String newSite() {
        String site = "import-" + Long.toString(System.nanoTime(), 36);
        admin().contentType("application/json").body("{\"moderationMode\":\"post\",\"maxReplyDepth\":2}")
                .put("/api/v1/admin/sites/" + site).then().statusCode(200);
        return site;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportTest.class.getResourceAsStream("/imports/" + name)) {
            return in.readAllBytes();
        }
    }

    static JsonPath importFile(String site, String format, byte[] file) {
        String id = admin().contentType("application/octet-stream").body(file)
                .post("/api/v1/admin/sites/" + site + "/imports?format=" + format)
                .then().statusCode(202).body("id", notNullValue()).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                !"running".equals(admin().get("/api/v1/admin/sites/" + site + "/imports/" + id).path("state")));
        return admin().get("/api/v1/admin/sites/" + site + "/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath thread(String site, String url) {
        return given().queryParam("site", site).queryParam("url", url).queryParam("limit", 100)
                .get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
    }

    static List<String> reasons(JsonPath job) {
        return job.getList("notes.reason");
    }

    @Test
    void aMessyDisqusExportIsImportedWithEveryProblemSkippedOrMendedAndExplained() throws IOException {
        String site = newSite();
        JsonPath job = importFile(site, "disqus", resource("disqus-messy.xml"));

        assertEquals("done", job.getString("state"), job.prettify());
        assertEquals(13, job.getLong("counts.read"));
        assertEquals(7, job.getLong("counts.imported"));
        assertEquals(0, job.getLong("counts.alreadyThere"));
        assertEquals(6, job.getLong("counts.skipped"));
        Map<String, Object> skipped = Map.of(
                "1004", "deleted in the source",
                "1007", "its thread (999) is not in the export",
                "1008", "has no usable link",
                "1010", "its message is empty",
                "1001", "its id appears again");
        skipped.forEach((id, reason) -> assertTrue(job.getList("notes.findAll { it.sourceId == '" + id
                + "' && it.kind == 'skipped' }.reason", String.class).stream().anyMatch(r -> r.contains((String) reason)),
                id + " skipped because " + reason + ": " + job.prettify()));
        assertTrue(reasons(job).stream().anyMatch(r -> r.startsWith("a comment without an id")));
        assertTrue(job.getList("notes.findAll { it.sourceId == '1005' }.reason", String.class).stream()
                .anyMatch(r -> r.contains("replies to a deleted comment")));
        assertTrue(job.getList("notes.findAll { it.sourceId == '1005' }.reason", String.class).stream()
                .anyMatch(r -> r.contains("not an address")));
        assertTrue(job.getList("notes.findAll { it.sourceId == '1009' }.reason", String.class).stream()
                .anyMatch(r -> r.startsWith("no date")));
        assertTrue(job.getList("notes.findAll { it.sourceId == '1011' }.reason", String.class).stream()
                .anyMatch(r -> r.contains("4242, which is not in the export")));
        assertTrue(job.getLong("reasons.'skipped: deleted in the source'") == 1);

        // The thread is the article's canonical URL (tracking parameters gone), titled as in Disqus; spam and the
        // deleted comment are not shown; replies sit under their parents, the one that came first included.
        JsonPath thread = thread(site, "https://gazette.example/2019/council-vote");
        assertEquals("Council votes on the bypass", thread.getString("thread.title"));
        assertEquals(6, thread.getInt("thread.count"));
        List<String> authors = thread.getList("comments.author.name");
        assertEquals(List.of("Ann", "Bob", "Carl", "Eve", "Hal", "Kim"), authors);
        String ann = thread.getString("comments.find { it.author.name == 'Ann' }.id");
        String bob = thread.getString("comments.find { it.author.name == 'Bob' }.id");
        assertEquals(ann, thread.getString("comments.find { it.author.name == 'Bob' }.parentId"));
        assertEquals(bob, thread.getString("comments.find { it.author.name == 'Carl' }.parentId"));
        // Eve replied to Dora's deleted comment: she is placed under Dora's parent, Ann.
        assertEquals(ann, thread.getString("comments.find { it.author.name == 'Eve' }.parentId"));
        assertEquals("2019-03-01T09:00:00Z", thread.getString("comments.find { it.author.name == 'Ann' }.createdAt"));

        // Disqus's HTML became text: paragraphs and line breaks kept, the link kept as an address, other tags
        // dropped for their text; a script is not a reader's words, and goes entirely.
        String annHtml = thread.getString("comments.find { it.author.name == 'Ann' }.bodyHtml");
        assertEquals("<p>First!<br>Second line, with the report (<a href=\"https://example.org/report\" "
                + "rel=\"nofollow ugc noopener\">https://example.org/report</a>).</p><p>And a bold claim.</p>",
                annHtml);
        assertFalse(annHtml.contains("<script"));
        assertTrue(thread.getString("comments.find { it.author.name == 'Bob' }.bodyHtml").contains("Ann &amp; friends"));

        // Spam is kept as spam, for the moderators and the filter.
        moderator().queryParam("site", site).queryParam("state", "spam")
                .queryParam("thread", "https://gazette.example/2019/council-vote")
                .get("/api/v1/moderation/queue").then().statusCode(200)
                .body("items.comment.author.name", hasItem("Spammer"));
    }

    @Test
    void importedCommentsReachIntakeAndSpamCheckInBatchesWithParentsFirst() throws IOException {
        String site = newSite();
        importFile(site, "disqus", resource("disqus-messy.xml"));
        for (String service : new String[] {"/comment-intake/", "/spam-check/"}) {
            await().atMost(Duration.ofSeconds(10)).until(() -> others.accepted(service, "CommentsImported").stream()
                    .anyMatch(d -> d.body().contains(site)));
        }
        JsonPath event = JsonPath.from(others.accepted("/comment-intake/", "CommentsImported").stream()
                .filter(d -> d.body().contains(site)).findFirst().orElseThrow().body());
        List<String> sources = event.getList("payload.comments.sourceId");
        assertEquals(7, sources.size());
        assertTrue(sources.indexOf("1001") < sources.indexOf("1002") && sources.indexOf("1002") < sources.indexOf("1003"),
                "parents before replies: " + sources);
        assertEquals("ann@example.org", event.getString("payload.comments.find { it.sourceId == '1001' }.authorEmail"));
        assertEquals("spam", event.getString("payload.comments.find { it.sourceId == '1006' }.status"));
    }

    @Test
    void aWordPressExportKeepsStatusesSkipsPingbacksAndTrashAndKeepsQueryLinks() throws IOException {
        String site = newSite();
        JsonPath job = importFile(site, "wordpress", resource("wordpress-messy.xml"));
        assertEquals("done", job.getString("state"), job.prettify());
        assertEquals(4, job.getLong("counts.imported"), job.prettify());
        assertTrue(job.getList("notes.findAll { it.sourceId == '11' }.reason", String.class).get(0).contains("pingback"));
        assertTrue(job.getList("notes.findAll { it.sourceId == '10' }.reason", String.class).get(0).contains("deleted"));
        assertTrue(job.getList("notes.findAll { it.sourceId == '7' }.reason", String.class).get(0).contains("appears again"));

        // ?p=42 and ?p=43 are two articles, not one.
        JsonPath budget = thread(site, "https://blog.example/?p=42");
        assertEquals("Budget day", budget.getString("thread.title"));
        assertEquals(List.of("Lena"), budget.getList("comments.author.name"));
        assertEquals("<p>Taxes again.</p><p>Second paragraph, emphasised.<br>A line break.</p>",
                budget.getString("comments[0].bodyHtml"));
        assertEquals("2014-03-01T09:30:00Z", budget.getString("comments[0].createdAt"));
        assertEquals("https://lena.example/", budget.getString("comments[0].author.url"));
        assertEquals(List.of("Nia"), thread(site, "https://blog.example/?p=43").getList("comments.author.name"));
        assertEquals("<p>Great match &lt;3</p>", thread(site, "https://blog.example/?p=43").getString("comments[0].bodyHtml"));

        // Max's comment waited for the moderators there, and does here.
        moderator().queryParam("site", site).queryParam("state", "held").queryParam("thread", "https://blog.example/?p=42")
                .get("/api/v1/moderation/queue").then().statusCode(200)
                .body("items.comment.author.name", equalTo(List.of("Max")));
    }

    @Test
    void pingbacksAreImportedWhenTheSiteWantsThem() throws IOException {
        String site = newSite();
        String id = admin().contentType("application/octet-stream").body(resource("wordpress-messy.xml"))
                .post("/api/v1/admin/sites/" + site + "/imports?format=wordpress&pingbacks=true")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "done".equals(admin().get("/api/v1/admin/sites/" + site + "/imports/" + id).path("state")));
        assertEquals(List.of("Lena", "Other Blog"), thread(site, "https://blog.example/?p=42").getList("comments.author.name"));
    }

    @Test
    void importingTheSameFileAgainChangesNothing() throws IOException {
        String site = newSite();
        byte[] file = resource("disqus-messy.xml");
        importFile(site, "disqus", file);
        JsonPath again = importFile(site, "disqus", gzip(file)); // and gzip is read as well
        assertEquals("done", again.getString("state"));
        assertEquals(0, again.getLong("counts.imported"));
        assertEquals(7, again.getLong("counts.alreadyThere"));
        assertEquals(6, thread(site, "https://gazette.example/2019/council-vote").getInt("thread.count"));
    }

    @Test
    void hostileAndBrokenFilesFailWithTheirReasonAndPositionAndImportNothing() {
        String site = newSite();
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE disqus [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
                <disqus xmlns:dsq="http://disqus.com/disqus-internals">
                  <thread dsq:id="1"><link>https://x.example/a</link><title>t</title></thread>
                  <post dsq:id="2"><message>&secret;</message><thread dsq:id="1"/></post>
                </disqus>""";
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                 <!ENTITY lol "lol">
                 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                ]>
                <disqus><post dsq:id="1"><message>&lol9;</message></post></disqus>""";
        String truncated = """
                <?xml version="1.0"?>
                <disqus xmlns:dsq="http://disqus.com/disqus-internals">
                  <thread dsq:id="1"><link>https://x.example/truncated</link><title>t</title></thread>
                  <post dsq:id="2"><message>fine</message><thread dsq:id="1"/></post>
                  <post dsq:id="3"><message>cut off""";
        for (String hostile : List.of(xxe, laughs)) {
            JsonPath job = importFile(site, "disqus", hostile.getBytes(StandardCharsets.UTF_8));
            assertEquals("failed", job.getString("state"));
            assertTrue(job.getString("error.reason").contains("DOCTYPE"), job.prettify());
            assertTrue(job.getInt("error.line") > 0, "where the parser met it: " + job.prettify());
            assertFalse(job.prettify().contains("root:"), "nothing of /etc/passwd anywhere");
        }
        JsonPath cut = importFile(site, "disqus", truncated.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", cut.getString("state"));
        assertTrue(cut.getString("error.reason").startsWith("not well-formed XML"), cut.prettify());
        assertEquals(5, cut.getInt("error.line"));
        // Checked before anything was written: the good post before the cut is not half-imported.
        assertEquals(0, cut.getLong("counts.imported"));
        given().queryParam("site", site).queryParam("url", "https://x.example/truncated").get("/api/v1/threads/counts")
                .then().statusCode(200).body("'https://x.example/truncated'", equalTo(0));

        JsonPath notXml = importFile(site, "disqus", "name,email\nann,ann@example.org\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", notXml.getString("state"));
        assertEquals(1, notXml.getInt("error.line"));
        JsonPath wrongFormat = importFile(site, "wordpress", "<disqus></disqus>".getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", wrongFormat.getString("state"));
        assertThat(wrongFormat.getString("error.reason"), "not a WordPress export");
        JsonPath badJson = importFile(site, "talkback", "{\"format\":\"talkback-export\",\"version\":1}\n{broken\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", badJson.getString("state"));
        assertEquals(2, badJson.getInt("error.line"));
        byte[] invalidUtf8 = "{\"format\":\"talkback-export\",\"version\":1}\n{\"body\":\"caf\u00e9\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        JsonPath notUtf8 = importFile(site, "talkback", invalidUtf8);
        assertEquals("failed", notUtf8.getString("state"));
        assertThat(notUtf8.getString("error.reason"), "not UTF-8");
    }

    @Test
    void aFileOverTheLimitIsRefusedAndOneThatExpandsOverItFails() throws IOException {
        String site = newSite();
        // The test profile's limit is 1 MiB.
        byte[] large = new byte[1_200_000];
        java.util.Arrays.fill(large, (byte) ' ');
        admin().contentType("application/octet-stream").body(large)
                .post("/api/v1/admin/sites/" + site + "/imports?format=disqus").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("1048576"));
        // A small gzip file that expands past the limit (a "zip bomb") is stopped while it is read.
        String padding = " ".repeat(3_000_000);
        JsonPath bomb = importFile(site, "disqus", gzip(("<disqus>" + padding + "</disqus>").getBytes(StandardCharsets.UTF_8)));
        assertEquals("failed", bomb.getString("state"));
        assertThat(bomb.getString("error.reason"), "larger than this server's import limit");
    }

    @Test
    void importsAreForAdminsOfKnownSitesInKnownFormats() {
        String site = newSite();
        given().contentType("application/octet-stream").body("<disqus/>".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/sites/" + site + "/imports?format=disqus").then().statusCode(401);
        given().auth().preemptive().basic("moderator", "test-moderator-password").contentType("application/octet-stream").body("<disqus/>".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/sites/" + site + "/imports?format=disqus").then().statusCode(403);
        admin().contentType("application/octet-stream").body("<disqus/>".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/sites/" + site + "/imports?format=csv").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("disqus, wordpress, talkback"));
        admin().contentType("application/octet-stream").body("<disqus/>".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/sites/no-such-site/imports?format=disqus").then().statusCode(404)
                .contentType("application/problem+json");
        admin().get("/api/v1/admin/sites/" + site + "/imports/not-a-job").then().statusCode(404);
        // Other endpoints keep their small limits even though imports may be large.
        admin().contentType("application/json").body("{\"x\":\"" + "a".repeat(70_000) + "\"}")
                .put("/api/v1/admin/sites/" + site).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void anExportImportedIntoAFreshSiteGivesTheSameThreadsCountsThreadingAndStatuses() throws IOException {
        String site = newSite();
        importFile(site, "disqus", resource("disqus-messy.xml"));
        importFile(site, "wordpress", resource("wordpress-messy.xml"));
        Response export = admin().get("/api/v1/admin/sites/" + site + "/export");
        export.then().statusCode(200).contentType(containsString("application/x-ndjson"));
        String[] lines = export.asString().split("\n");
        assertEquals("talkback-export", JsonPath.from(lines[0]).getString("format"));
        assertEquals(1 + 7 + 4, lines.length, export.asString());

        String copy = newSite();
        JsonPath job = importFile(copy, "talkback", export.asByteArray());
        assertEquals("done", job.getString("state"), job.prettify());
        assertEquals(11, job.getLong("counts.imported"));
        for (String url : List.of("https://gazette.example/2019/council-vote", "https://blog.example/?p=42",
                "https://blog.example/?p=43")) {
            JsonPath original = thread(site, url);
            JsonPath imported = thread(copy, url);
            assertEquals(original.getString("thread.title"), imported.getString("thread.title"));
            assertEquals(original.getInt("thread.count"), imported.getInt("thread.count"));
            assertEquals(original.getList("comments.author.name"), imported.getList("comments.author.name"));
            assertEquals(original.getList("comments.bodyHtml"), imported.getList("comments.bodyHtml"));
            assertEquals(original.getList("comments.createdAt"), imported.getList("comments.createdAt"));
            assertEquals(parents(original), parents(imported), url);
        }
        for (String state : List.of("held", "spam")) {
            assertEquals(queueAuthors(site, state), queueAuthors(copy, state), state);
        }
        // Compressed on request, for a file to keep.
        byte[] gz = admin().queryParam("gzip", true).get("/api/v1/admin/sites/" + site + "/export").then()
                .statusCode(200).contentType("application/gzip").extract().asByteArray();
        assertEquals(0x1f, gz[0] & 0xff);
        admin().get("/api/v1/admin/sites/no-such-site/export").then().statusCode(404);
        BansTest.moderator().get("/api/v1/admin/sites/" + site + "/export").then().statusCode(403);
    }

    /** Each comment's parent, by author name (ids differ between sites). */
    private static List<String> parents(JsonPath thread) {
        List<String> ids = thread.getList("comments.id");
        List<String> names = thread.getList("comments.author.name");
        List<String> parentIds = thread.getList("comments.parentId");
        return parentIds.stream().map(parent -> parent == null ? "-" : names.get(ids.indexOf(parent))).toList();
    }

    private static List<String> queueAuthors(String site, String state) {
        return moderator().queryParam("state", state).queryParam("site", site).get("/api/v1/moderation/queue")
                .then().statusCode(200).extract().jsonPath().getList("items.comment.author.name");
    }

    private static RequestSpecification moderator() {
        return BansTest.moderator();
    }

    private static void assertThat(String actual, String expectedStart) {
        assertTrue(actual != null && actual.contains(expectedStart), actual + " should say " + expectedStart);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }
}
