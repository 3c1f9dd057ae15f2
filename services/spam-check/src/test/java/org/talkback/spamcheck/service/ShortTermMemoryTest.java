package org.talkback.spamcheck.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What spam-check remembers between checks: fresh answers reused, stale ones looked up again, the size bounded. */
class ShortTermMemoryTest {

    @Test
    void aFreshAnswerIsReusedAndAStaleOneLookedUpAgain() throws InterruptedException {
        AtomicInteger lookUps = new AtomicInteger();
        ShortTermMemory<String, String> memory = new ShortTermMemory<>(
                value -> value.equals("site-a") ? 60_000_000_000L : 1_000_000L);
        for (int i = 0; i < 3; i++) {
            assertEquals("site-a", memory.get("key-a", key -> {
                lookUps.incrementAndGet();
                return "site-a";
            }));
        }
        assertEquals(1, lookUps.get(), "a fresh answer is not looked up again");
        memory.get("key-b", key -> "unknown");
        Thread.sleep(5);
        memory.get("key-b", key -> {
            lookUps.incrementAndGet();
            return "unknown";
        });
        assertEquals(2, lookUps.get(), "an answer past its time is looked up again");
    }

    @Test
    void aClientSprayingRandomKeysCannotGrowTheMemoryWithoutEnd() {
        ShortTermMemory<String, String> memory = new ShortTermMemory<>(value -> 60_000_000_000L);
        for (int i = 0; i < 3 * ShortTermMemory.MAX_REMEMBERED; i++) {
            memory.get("random-key-" + i, key -> "unknown");
            assertTrue(memory.size() <= ShortTermMemory.MAX_REMEMBERED, "remembered " + memory.size());
        }
        assertEquals("site-a", memory.get("real-key", key -> "site-a"), "a key in use still answers after the flood");
    }
}
