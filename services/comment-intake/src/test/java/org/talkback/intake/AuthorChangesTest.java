package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/** Authors editing and deleting their comments, readers reporting them, replies and closed threads. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class AuthorChangesTest {

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    private static ExtractableResponse<Response> post(String url, String body) {
        return IntakeTestSupport.post(url, body).then().statusCode(202).extract();
    }

    @Test
    void anEditIsCheckedAgainAndTheAuthorSeesTheNewText() {
        var posted = post("https://news.example/edit", "Good piece.");
        String id = posted.path("id");
        String token = posted.path("editToken");
        given().contentType("application/json").header("X-Edit-Token", token)
                .body("{\"body\":\"Good piece. Cheap pills at http://spam.example\"}")
                .patch("/api/v1/comments/" + id)
                .then().statusCode(200)
                .body("body", equalTo("Good piece. Cheap pills at http://spam.example"))
                .body("status", equalTo("pending"))
                .body("editedAt", notNullValue());

        EventSink sink = IntakeTestSupport.sink();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.accepted("/spam-check/", id).size() == 2
                && sink.accepted("/publication/", id).size() == 2);
        JsonPath edited = JsonPath.from(sink.accepted("/spam-check/", id).get(1).body());
        assertEquals("CommentEdited", edited.getString("type"));
        assertEquals(2, edited.getInt("payload.revision"));
        assertEquals("edit", edited.getString("payload.recheckReason"));
        assertEquals("Good piece. Cheap pills at http://spam.example", edited.getString("payload.body"));
        assertEquals("127.0.0.1", edited.getString("payload.clientIp"));
    }

    @Test
    void editsFollowTheSameRulesAsNewComments() {
        var posted = post("https://news.example/edit-rules", "Fine.");
        given().contentType("application/json").header("X-Edit-Token", posted.path("editToken").toString())
                .body("{\"body\":\"<script>alert(1)</script>\"}")
                .patch("/api/v1/comments/" + posted.path("id"))
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));
    }

    @Test
    void onlyTheTokenHolderMayEditOrDelete() {
        var posted = post("https://news.example/edit-token", "Mine.");
        String id = posted.path("id");
        given().contentType("application/json").header("X-Edit-Token", "guess")
                .body("{\"body\":\"Not yours\"}").patch("/api/v1/comments/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-Edit-Token", "guess").delete("/api/v1/comments/" + id).then().statusCode(404);
        given().contentType("application/json").body("{\"body\":\"No token\"}").patch("/api/v1/comments/" + id)
                .then().statusCode(401);
        assertEquals("Mine.", commentBody(id));
    }

    @Test
    void afterTheEditWindowTheCommentIsFinal() {
        var posted = post("https://news.example/edit-late", "Too late to change.");
        String id = posted.path("id");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update comment set editable_until = now() - interval '1 second' where id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate());
        given().contentType("application/json").header("X-Edit-Token", posted.path("editToken").toString())
                .body("{\"body\":\"Changed\"}").patch("/api/v1/comments/" + id)
                .then().statusCode(409).body("detail", containsString("edit window"));
        given().header("X-Edit-Token", posted.path("editToken").toString()).delete("/api/v1/comments/" + id)
                .then().statusCode(409);
        assertEquals("Too late to change.", commentBody(id));
    }

    @Test
    void aDeletedCommentIsGoneForItsAuthorAndTheOtherServicesAreTold() {
        var posted = post("https://news.example/delete", "Second thoughts.");
        String id = posted.path("id");
        String token = posted.path("editToken");
        given().header("X-Edit-Token", token).delete("/api/v1/comments/" + id).then().statusCode(204);
        given().header("X-Edit-Token", token).get("/api/v1/comments/" + id).then().statusCode(404);
        given().contentType("application/json").header("X-Edit-Token", token)
                .body("{\"body\":\"Back again\"}").patch("/api/v1/comments/" + id).then().statusCode(404);
        EventSink sink = IntakeTestSupport.sink();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.accepted("/publication/", id).stream()
                .anyMatch(d -> d.body().contains("\"CommentRetracted\"")));
        // spam-check has nothing to learn from a deletion and is not sent one.
        assertTrue(sink.accepted("/spam-check/", id).stream().noneMatch(d -> d.body().contains("CommentRetracted")));
    }

    @Test
    void aReaderReportsACommentOnceAndAnotherReaderMayToo() {
        String id = post("https://news.example/flags", "Controversial, but fair.").path("id");
        given().contentType("application/json").header("X-Forwarded-For", "198.51.100.7")
                .header("X-Reader-Id", "reader-one-1234").body("{\"reason\":\"abuse\",\"note\":\"rude\"}")
                .post("/api/v1/comments/" + id + "/flags")
                .then().statusCode(202).body("id", notNullValue());
        // The same reader again: by address, and by reader id from another network.
        given().contentType("application/json").header("X-Forwarded-For", "198.51.100.7")
                .body("{\"reason\":\"spam\"}").post("/api/v1/comments/" + id + "/flags")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType("application/json").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Reader-Id", "reader-one-1234").body("{\"reason\":\"spam\"}")
                .post("/api/v1/comments/" + id + "/flags")
                .then().statusCode(409);
        given().contentType("application/json").header("X-Forwarded-For", "192.0.2.44")
                .body("{\"reason\":\"off-topic\"}").post("/api/v1/comments/" + id + "/flags")
                .then().statusCode(202);
        assertEquals(2L, count("select count(*) from comment_flag where comment_id = ?1", id));

        EventSink sink = IntakeTestSupport.sink();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.accepted("/publication/", id).stream()
                .filter(d -> d.body().contains("\"CommentFlagged\"")).count() == 2);
        JsonPath flagged = JsonPath.from(sink.accepted("/publication/", id).stream()
                .filter(d -> d.body().contains("\"CommentFlagged\"")).findFirst().orElseThrow().body());
        assertEquals("abuse", flagged.getString("payload.reason"));
        assertEquals("rude", flagged.getString("payload.note"));
    }

    @Test
    void aReportNeedsAKnownReasonAndAnExistingComment() {
        String id = post("https://news.example/flag-rules", "Hello.").path("id");
        given().contentType("application/json").body("{\"reason\":\"boring\"}").post("/api/v1/comments/" + id + "/flags")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        given().contentType("application/json").body("{\"reason\":\"spam\"}")
                .post("/api/v1/comments/" + UUID.randomUUID() + "/flags")
                .then().statusCode(404);
    }

    @Test
    void repliesNestUpToTheSitesDepth() {
        String url = "https://news.example/deep";
        String parent = post(url, "Level 0").path("id");
        List<String> chain = new ArrayList<>(List.of(parent));
        for (int depth = 1; depth <= 5; depth++) {
            parent = given().contentType("application/json").body(reply(url, parent, "Level " + depth))
                    .post("/api/v1/comments").then().statusCode(202).extract().path("id");
            chain.add(parent);
        }
        // Each reply's place in the thread (what publication orders pages by) extends its parent's.
        EventSink sink = IntakeTestSupport.sink();
        await().atMost(Duration.ofSeconds(10)).until(() -> chain.stream().allMatch(id -> !sink.accepted("/publication/", id).isEmpty()));
        String parentPosition = null;
        for (String id : chain) {
            JsonPath submitted = JsonPath.from(sink.accepted("/publication/", id).get(0).body());
            String position = submitted.getString("payload.threadPosition");
            assertTrue(position.endsWith(id.replace("-", "")), position);
            if (parentPosition != null) {
                assertTrue(position.startsWith(parentPosition + "/"), position + " under " + parentPosition);
            }
            parentPosition = position;
        }
        given().contentType("application/json").body(reply(url, parent, "Level 6"))
                .post("/api/v1/comments")
                .then().statusCode(400).body("errors.field", hasItem("parentId"))
                .body("errors.message", hasItem(containsString("at most 5 deep")));
    }

    @Test
    void aClosedThreadRefusesNewComments() {
        String url = "https://news.example/closed";
        post(url, "Before closing.");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update thread set state = 'closed' where url = ?1").setParameter(1, url).executeUpdate());
        IntakeTestSupport.post(url, "After closing.").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("closed"));
    }

    private static String reply(String url, String parentId, String body) {
        return """
                {"site":"default","threadUrl":"%s","parentId":"%s","author":{"name":"Bo"},"body":"%s"}
                """.formatted(url, parentId, body);
    }

    private String commentBody(String id) {
        return (String) entityManager.createNativeQuery("select body from comment where id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult();
    }

    private long count(String sql, String id) {
        List<?> rows = entityManager.createNativeQuery(sql).setParameter(1, UUID.fromString(id)).getResultList();
        return ((Number) rows.get(0)).longValue();
    }
}
