package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;

/** Only publication (holding the events' key) may ask what intake keeps about a person; erasure comes by event. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class ReaderDataQueryTest {

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    @Test
    void aSignedQuestionGetsTheAuthorsCommentsAndAnyOtherIsRefused() {
        String email = "dora-" + UUID.randomUUID() + "@example.org";
        String id = given().contentType("application/json").body("""
                {"site":"default","threadUrl":"https://news.example/data-%s","author":{"name":"Dora","email":"%s"},"body":"Mine."}"""
                .formatted(UUID.randomUUID(), email)).post("/api/v1/comments").then().statusCode(202).extract().path("id");
        String question = "{\"site\":\"default\",\"email\":\"" + email.toUpperCase() + "\",\"commentIds\":[]}";

        given().contentType("application/json").body(question).post("/internal/authors").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType("application/json").header("X-Talkback-Signature", "t=1,v1=00").body(question)
                .post("/internal/authors").then().statusCode(401);
        given().contentType("application/json").header("X-Talkback-Signature", IntakeTestSupport.EVENTS.sign(question))
                .body(question).post("/internal/authors").then().statusCode(200)
                .body("comments.id", contains(id)).body("comments[0].authorEmail", equalTo(email));

        // Erased by publication's event: nothing of the person is found any more.
        String erased = org.talkback.platform.testing.SignedEvents.envelope(UUID.randomUUID(), "AuthorErased",
                UUID.randomUUID().toString(), "default", """
                {"erasureId":"%s","email":"%s","commentIds":["%s"],"remove":false,"placeholder":"(erased)"}"""
                        .formatted(UUID.randomUUID(), email, id));
        given().contentType("application/json").header("X-Talkback-Signature", IntakeTestSupport.EVENTS.sign(erased))
                .body(erased).post("/internal/events").then().statusCode(200).body("outcome", equalTo("applied"));
        given().contentType("application/json").header("X-Talkback-Signature", IntakeTestSupport.EVENTS.sign(question))
                .body(question).post("/internal/authors").then().statusCode(200).body("comments", empty());
        String byId = "{\"site\":\"default\",\"commentIds\":[\"" + id + "\"]}";
        given().contentType("application/json").header("X-Talkback-Signature", IntakeTestSupport.EVENTS.sign(byId))
                .body(byId).post("/internal/authors").then().statusCode(200)
                .body("comments[0].authorName", equalTo("(erased)"))
                .body("comments[0].authorEmail", org.hamcrest.Matchers.nullValue())
                .body("comments[0].clientIp", org.hamcrest.Matchers.nullValue())
                .body("comments[0].userAgent", org.hamcrest.Matchers.nullValue())
                .body("comments[0].body", equalTo("Mine."));
    }
}
