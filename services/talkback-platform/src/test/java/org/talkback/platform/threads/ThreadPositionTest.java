package org.talkback.platform.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ThreadPositionTest {

    @Test
    void repliesSortRightAfterTheirParentAndOlderSiblings() {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        String first = ThreadPosition.topLevel(t, UUID.randomUUID());
        String second = ThreadPosition.topLevel(t.plusSeconds(60), UUID.randomUUID());
        String replyToFirstLate = ThreadPosition.replyTo(first, t.plusSeconds(600), UUID.randomUUID());
        String replyToFirstEarly = ThreadPosition.replyTo(first, t.plusSeconds(30), UUID.randomUUID());
        String replyToReply = ThreadPosition.replyTo(replyToFirstEarly, t.plusSeconds(900), UUID.randomUUID());
        String third = ThreadPosition.topLevel(t.plusSeconds(61).plusNanos(1_000), UUID.randomUUID());

        List<String> sorted = new ArrayList<>(List.of(third, replyToReply, second, replyToFirstLate, first, replyToFirstEarly));
        sorted.sort(String::compareTo);

        assertEquals(List.of(first, replyToFirstEarly, replyToReply, replyToFirstLate, second, third), sorted);
    }

    @Test
    void aSegmentHasAFixedWidthSoDifferentEpochsStillSortByTime() {
        String early = ThreadPosition.topLevel(Instant.parse("2001-01-01T00:00:00Z"), new UUID(-1, -1));
        String late = ThreadPosition.topLevel(Instant.parse("2099-01-01T00:00:00Z"), new UUID(0, 0));
        assertEquals(ThreadPosition.SEGMENT_LENGTH, early.length());
        assertEquals(ThreadPosition.SEGMENT_LENGTH, late.length());
        assertEquals(-1, Integer.signum(early.compareTo(late)));
    }
}
