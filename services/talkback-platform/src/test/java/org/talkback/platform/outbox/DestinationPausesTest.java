package org.talkback.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DestinationPausesTest {
    private static final long SECOND = 1_000_000_000L;
    private final DestinationPauses pauses = new DestinationPauses(SECOND / 2, 30 * SECOND);

    @Test
    void aDownDestinationIsPausedLongerAfterEachFailureUpToTheMaximum() {
        pauses.unreachable("spam-check", 0);
        assertEquals(SECOND / 2, pauses.pausedFor("spam-check", 0));
        assertEquals(0, pauses.pausedFor("spam-check", SECOND / 2));
        pauses.unreachable("spam-check", SECOND);
        assertEquals(SECOND / 2, pauses.pausedFor("spam-check", SECOND + SECOND / 2));
        assertEquals(0, pauses.pausedFor("spam-check", 2 * SECOND));
        for (int i = 0; i < 20; i++) {
            pauses.unreachable("spam-check", 0);
        }
        assertEquals(30 * SECOND, pauses.pausedFor("spam-check", 0));
    }

    @Test
    void oneAnswerEndsTheOutage() {
        pauses.unreachable("publication", 0);
        pauses.reached("publication");
        assertEquals(0, pauses.pausedFor("publication", 0));
    }

    @Test
    void anOutageOfOneDestinationDoesNotPauseAnother() {
        pauses.unreachable("spam-check", 0);
        assertEquals(0, pauses.pausedFor("publication", 0));
    }
}
