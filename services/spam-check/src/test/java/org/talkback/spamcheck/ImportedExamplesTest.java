package org.talkback.spamcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;
import org.talkback.platform.testing.SignedEvents;

/** A newsroom's imported decisions teach its filter, as its moderators' do: spam's text, and authors' records. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class ImportedExamplesTest {

    @Inject
    EntityManager entityManager;

    @Test
    void importedSpamIsKnownSpamAndImportedAuthorsHaveARecord() {
        EventSink publication = CheckEvents.publicationSink();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String spamText = "Lovely walk along the river " + run + " this morning with the whole family";
        String spammer = "spammer-" + run + "@example.org";
        String regular = "regular-" + run + "@example.org";
        String comments = """
                [{"authorEmail":"%s","clientIp":"198.51.100.9","body":"%s","status":"spam"},
                 {"authorEmail":"%s","clientIp":"198.51.100.9","body":"%s","status":"spam"},
                 {"authorEmail":"%s","body":"The council's figures for %s do not add up.","status":"published"},
                 {"authorEmail":"%s","body":"Thanks for the correction on %s.","status":"published"},
                 {"authorEmail":"%s","body":"Still waiting for a moderator %s.","status":"held"}]"""
                .formatted(spammer, spamText, spammer, spamText, regular, run, regular, run, regular, run);
        String event = SignedEvents.envelope(UUID.randomUUID(), "CommentsImported", UUID.randomUUID().toString(), "default",
                "{\"importId\":\"" + UUID.randomUUID() + "\",\"batch\":0,\"format\":\"disqus\",\"comments\":" + comments + "}");
        CheckEvents.deliver(event).then().statusCode(200);

        // The spam text (in the batch twice) was learned once; the two published texts as ham; the held one not at all.
        assertEquals(1L, count("select count(*) from training_example where content = ?1 and label = 'spam' and source = 'import:disqus'", spamText));
        assertEquals(2L, count("select count(*) from training_example where content like ?1 and label = 'ham'", "%" + run + "%"));
        assertEquals(0L, count("select count(*) from training_example where content like ?1", "Still waiting%" + run + "%"));
        assertEquals(1L, count("select spam from author_reputation where author_key = ?1", "email:" + spammer));
        assertEquals(2L, count("select ham from author_reputation where author_key = ?1", "email:" + regular));

        // Posted now, by someone else, the imported spam's words are known spam.
        JsonPath verdict = CheckEvents.classify(publication, "default", "Walker", spamText, false, 30.0);
        assertTrue(verdict.getList("payload.reasons.code").contains("known-spam-text"), verdict.prettify());
    }

    private long count(String sql, String parameter) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }
}
