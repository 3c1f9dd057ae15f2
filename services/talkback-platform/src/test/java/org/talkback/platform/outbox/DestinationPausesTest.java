package org.talkback.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationPausesTest {
    private static final long SECOND = 1_000_000_000L;
    private final DestinationPauses pauses = new DestinationPauses(SECOND / 2, 30 * SECOND);

    @Test
    void aDownDestinationIsPausedLongerAfterEachFailureUpToTheMaximum() {
        pauses.unreachable("spam-check", 0);
        assertEquals(List.of("spam-check"), pauses.paused(0));
        assertEquals(List.of(), pauses.paused(SECOND / 2));
        pauses.unreachable("spam-check", SECOND);
        assertEquals(List.of("spam-check"), pauses.paused(SECOND + SECOND / 2));
        assertEquals(List.of(), pauses.paused(2 * SECOND));
        for (int i = 0; i < 20; i++) {
            pauses.unreachable("spam-check", 0);
        }
        assertEquals(30 * SECOND, pauses.allPausedFor(List.of("spam-check"), 0));
    }

    @Test
    void oneAnswerEndsTheOutage() {
        pauses.unreachable("publication", 0);
        pauses.reached("publication");
        assertEquals(List.of(), pauses.paused(0));
    }

    @Test
    void theRelaySleepsOnlyWhenEveryDestinationIsPaused() {
        pauses.unreachable("spam-check", 0);
        assertEquals(0, pauses.allPausedFor(List.of("spam-check", "publication"), 0));
        pauses.unreachable("publication", 0);
        assertEquals(SECOND / 2, pauses.allPausedFor(List.of("spam-check", "publication"), 0));
    }
}
