package org.talkback.spamcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/** Signals from beyond the text: the author's record on the site, campaigns across authors, floods from one address. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "spamcheck_test"))
class HistorySignalsTest {

    EventSink publication;
    String site;

    @BeforeEach
    void freshSite() {
        publication = CheckEvents.publicationSink();
        site = CheckEvents.newSite("history");
    }

    @Test
    void anAuthorWhoseCommentsWerePublishedIsTrustedAndASpammerIsNot() {
        String regular = CheckEvents.uniqueEmail();
        String spammer = CheckEvents.uniqueEmail();
        CheckEvents.moderate(classify(regular, CheckEvents.uniqueAddress(), "The mayor's answer on parking was evasive."), site, "ham");
        CheckEvents.moderate(classify(regular, CheckEvents.uniqueAddress(), "Thanks for the follow-up on the school."), site, "ham");
        CheckEvents.moderate(classify(spammer, CheckEvents.uniqueAddress(), "Visit my page for great deals"), site, "spam");

        JsonPath trusted = classify(regular, CheckEvents.uniqueAddress(), "I am not sure the figures add up.");
        assertTrue(codes(trusted).contains("trusted-author"), trusted.prettify());
        assertTrue(weight(trusted, "trusted-author") < 0);
        JsonPath suspect = classify(spammer.toUpperCase(), CheckEvents.uniqueAddress(), "I am not sure the figures add up.");
        assertTrue(codes(suspect).contains("known-spammer"), "emails compare without case: " + suspect.prettify());
        assertTrue(suspect.getDouble("payload.score") > trusted.getDouble("payload.score"));
    }

    @Test
    void anAddressIsDistrustedOnlyAfterMoreThanOneSpamReport() {
        String address = CheckEvents.uniqueAddress();
        CheckEvents.moderate(classify("", address, "Visit my page for great deals"), site, "spam");
        JsonPath afterOne = classify("", address, "The library should open on Sundays.");
        assertFalse(codes(afterOne).contains("known-spammer"), "an address may be shared: " + afterOne.prettify());
        CheckEvents.moderate(classify("", address, "Cheap watches on my page"), site, "spam");
        assertTrue(codes(classify("", address, "The library should open on Sundays too.")).contains("known-spammer"));
    }

    @Test
    void theSameTextWithSmallChangesFromSeveralAuthorsIsACampaign() {
        String text = "Residents of the east ward are invited to the free seminar on property tax appeals this Thursday evening at the library";
        JsonPath first = classify(CheckEvents.uniqueEmail(), CheckEvents.uniqueAddress(), text);
        classify(CheckEvents.uniqueEmail(), CheckEvents.uniqueAddress(), text.replace("Thursday", "Friday"));
        JsonPath third = classify(CheckEvents.uniqueEmail(), CheckEvents.uniqueAddress(), text.replace("free ", ""));
        assertFalse(codes(first).contains("campaign"));
        assertTrue(codes(third).contains("campaign"), third.prettify());
        JsonPath unrelated = classify(CheckEvents.uniqueEmail(), CheckEvents.uniqueAddress(),
                "The east ward seminar last year was useful, though the library room was far too small for everyone");
        assertFalse(codes(unrelated).contains("campaign"), unrelated.prettify());
    }

    @Test
    void oneAuthorRepeatingThemselvesIsNotACampaign() {
        String email = CheckEvents.uniqueEmail();
        String text = "I have said it before and will say it again, the bypass will not fix the traffic in the old town";
        for (int i = 0; i < 3; i++) {
            JsonPath verdict = classify(email, CheckEvents.uniqueAddress(), text + " (" + i + ")");
            assertFalse(codes(verdict).contains("campaign"), verdict.prettify());
        }
    }

    @Test
    void manyCommentsFromOneAddressWithinAMinuteAreAFlood() {
        String address = CheckEvents.uniqueAddress();
        JsonPath last = null;
        for (int i = 0; i < 7; i++) {
            last = classify(CheckEvents.uniqueEmail(), address, "Point number " + i + " about the budget.");
        }
        assertTrue(codes(last).contains("flood"), last.prettify());
        assertEquals(2.0, weight(last, "flood"));
        assertFalse(codes(classify(CheckEvents.uniqueEmail(), CheckEvents.uniqueAddress(), "Point number 8."))
                .contains("flood"));
    }

    private JsonPath classify(String email, String address, String body) {
        return CheckEvents.classify(publication, site, "Reader", email, address, body, false, 40.0);
    }

    private static List<String> codes(JsonPath verdict) {
        return verdict.getList("payload.reasons.code");
    }

    private static double weight(JsonPath verdict, String code) {
        return verdict.getDouble("payload.reasons.find { it.code == '" + code + "' }.weight");
    }
}
