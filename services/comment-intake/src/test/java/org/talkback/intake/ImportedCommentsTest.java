package org.talkback.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.SignedEvents;

/** Comments an admin imported reach intake by CommentsImported: readers can reply to them; nobody can edit them. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class ImportedCommentsTest {

    @Inject
    EntityManager entityManager;

    @BeforeAll
    static void otherServices() {
        IntakeTestSupport.sink();
    }

    @Test
    void readersReplyToImportedCommentsAndABatchDeliveredTwiceIsStoredOnce() {
        String url = "https://news.example/archive-" + UUID.randomUUID();
        UUID parent = UUID.randomUUID();
        UUID reply = UUID.randomUUID();
        String position = "0005d4a3c8e00" + parent.toString().replace("-", "");
        String comments = """
                [{"id":"%s","sourceId":"1","threadUrl":"%s","threadTitle":"From the archive","depth":0,
                  "threadPosition":"%s","authorName":"Ann","authorEmail":"ann@example.org","clientIp":"203.0.113.7",
                  "createdAt":"2019-03-01T09:00:00Z","body":"An old comment.","status":"published"},
                 {"id":"%s","sourceId":"2","threadUrl":"%s","threadTitle":"From the archive","parentId":"%s","depth":1,
                  "threadPosition":"%s/0005d4a3d6f00%s","authorName":"Bob","createdAt":"2019-03-01T10:00:00Z",
                  "body":"An old reply.","status":"held"}]""".formatted(parent, url, position, reply, url, parent,
                position, reply.toString().replace("-", ""));
        String event = SignedEvents.envelope(UUID.randomUUID(), "CommentsImported", UUID.randomUUID().toString(), "default",
                "{\"importId\":\"" + UUID.randomUUID() + "\",\"batch\":0,\"format\":\"disqus\",\"comments\":" + comments + "}");
        deliver(event).then().statusCode(200).body("outcome", equalTo("applied"));
        // The same batch again, as a new event (an import run twice): nothing is stored twice.
        String again = SignedEvents.envelope(UUID.randomUUID(), "CommentsImported", UUID.randomUUID().toString(), "default",
                "{\"importId\":\"" + UUID.randomUUID() + "\",\"batch\":0,\"format\":\"disqus\",\"comments\":" + comments + "}");
        deliver(again).then().statusCode(200).body("outcome", equalTo("applied"));

        assertEquals(2L, ((Number) entityManager.createNativeQuery("select count(*) from comment where id in (?1, ?2)")
                .setParameter(1, parent).setParameter(2, reply).getSingleResult()).longValue());
        assertEquals("From the archive", entityManager.createNativeQuery("select title from thread where url = ?1")
                .setParameter(1, url).getSingleResult());
        assertEquals("held", entityManager.createNativeQuery("select status from comment where id = ?1")
                .setParameter(1, reply).getSingleResult());

        // A reader replies to the imported comment, as to any other.
        given().contentType("application/json").body("""
                {"site":"default","threadUrl":"%s","parentId":"%s","author":{"name":"Cleo"},"body":"Replying years later."}"""
                .formatted(url, parent)).post("/api/v1/comments").then().statusCode(202);
        // Nobody holds an edit token for an imported comment: none works, not even an empty one.
        for (String token : new String[] {"imported", "", "x"}) {
            given().header("X-Edit-Token", token).get("/api/v1/comments/" + parent).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(401, 404));
        }
    }

    private static Response deliver(String event) {
        return given().contentType("application/json")
                .header("X-Talkback-Signature", IntakeTestSupport.EVENTS.sign(event))
                .body(event).post("/internal/events");
    }
}
