package org.talkback.intake;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.EventSink;

/**
 * A comment's commit wakes this instance's relay itself: with the fallback poll ten minutes away, its events still
 * reach the other services within a second or two.
 */
@QuarkusTest
@TestProfile(RelayWakeupTest.PollRarely.class)
@WithTestResource(value = EmbeddedPostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "intake_wakeup_test"))
class RelayWakeupTest {

    public static class PollRarely implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("talkback.outbox.poll-interval", "10m");
        }
    }

    @Test
    void aCommittedCommentIsRelayedAtOnceNotAtTheNextPoll() {
        EventSink sink = IntakeTestSupport.sink();
        for (int n = 0; n < 3; n++) {
            sink.clear();
            String id = IntakeTestSupport.post("https://news.example/wake-" + n, "Comment " + n + " on the budget vote")
                    .then().statusCode(202).extract().path("id");

            await().atMost(Duration.ofSeconds(3)).until(() -> sink.accepted("/", id).size() == 2);
        }
    }
}
