package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class CommentSubmissionTest {

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    @Test
    void acceptedCommentGetsAnIdAnEditTokenAndAPendingStatus() {
        Response response = given().contentType("application/json")
                .body(IntakeTestSupport.comment("https://news.example/2016/01/russia-afghanistan", "Ann", "First!"))
                .post("/api/v1/comments");
        response.then().statusCode(202)
                .header("Location", containsString("/api/v1/comments/"))
                .body("status", equalTo("pending"))
                .body("id", notNullValue())
                .body("editToken", notNullValue())
                .body("editableUntil", notNullValue());
        String id = response.path("id");
        String token = response.path("editToken");

        given().header("X-Edit-Token", token).get("/api/v1/comments/" + id)
                .then().statusCode(200)
                .body("status", equalTo("pending"))
                .body("body", equalTo("First!"))
                .body("author.name", equalTo("Ann"));
    }

    @Test
    void theAuthorsViewNeedsTheRightToken() {
        String id = given().contentType("application/json")
                .body(IntakeTestSupport.comment("https://news.example/token", "Ann", "Mine"))
                .post("/api/v1/comments").then().statusCode(202).extract().path("id");

        given().get("/api/v1/comments/" + id).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Edit-Token", "guessed").get("/api/v1/comments/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theSameArticleReachedThroughTrackingLinksIsOneThread() {
        given().contentType("application/json")
                .body(IntakeTestSupport.comment("https://News.Example:443/story?id=7&utm_source=mail#comments", "A", "one"))
                .post("/api/v1/comments").then().statusCode(202);
        given().contentType("application/json")
                .body(IntakeTestSupport.comment("https://news.example/story?id=7&fbclid=xyz", "B", "two"))
                .post("/api/v1/comments").then().statusCode(202);

        Number threads = (Number) entityManager
                .createNativeQuery("select count(*) from thread where url = 'https://news.example/story?id=7'")
                .getSingleResult();
        assertEquals(1, threads.intValue());
    }

    @Test
    void missingFieldsAreNamedInTheProblem() {
        given().contentType("application/json")
                .body("{\"site\":\"default\",\"threadUrl\":\"ftp://news.example/a\",\"author\":{\"email\":\"nope\"},\"body\":\"  \"}")
                .post("/api/v1/comments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("threadUrl", "author.name", "author.email", "body"));
    }

    @Test
    void anUnknownSiteIsRefused() {
        given().contentType("application/json")
                .body("{\"site\":\"nosuchsite\",\"threadUrl\":\"https://news.example/a\",\"author\":{\"name\":\"A\"},\"body\":\"x\"}")
                .post("/api/v1/comments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("site"));
    }

    @Test
    void aReplyMustAnswerACommentOfTheSameThread() {
        String parent = given().contentType("application/json")
                .body(IntakeTestSupport.comment("https://news.example/thread-a", "A", "parent"))
                .post("/api/v1/comments").then().statusCode(202).extract().path("id");

        given().contentType("application/json")
                .body("{\"site\":\"default\",\"threadUrl\":\"https://news.example/thread-a\",\"parentId\":\"" + parent
                        + "\",\"author\":{\"name\":\"B\"},\"body\":\"reply\"}")
                .post("/api/v1/comments").then().statusCode(202);
        given().contentType("application/json")
                .body("{\"site\":\"default\",\"threadUrl\":\"https://news.example/thread-b\",\"parentId\":\"" + parent
                        + "\",\"author\":{\"name\":\"B\"},\"body\":\"reply elsewhere\"}")
                .post("/api/v1/comments").then().statusCode(400)
                .body("errors.field", hasItem("parentId"));
    }

    @Test
    void brokenJsonAndWrongContentTypeGetProblemsAndStoreNothing() {
        long before = commentCount();
        given().contentType("application/json").body("{\"site\": \"default\", ")
                .post("/api/v1/comments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", endsWith("not valid JSON."));
        given().contentType("text/plain").body("hello")
                .post("/api/v1/comments")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("application/json").body("{\"site\":\"default\",\"author\":\"not an object\"}")
                .post("/api/v1/comments")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, commentCount());
    }

    private long commentCount() {
        return ((Number) entityManager.createNativeQuery("select count(*) from comment").getSingleResult()).longValue();
    }
}
