package org.talkback.spamcheck.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The block index finds exactly the authors a scan of every remembered comment would find, including after the
 * oldest comments were forgotten, so the campaign rule's answers did not change when the scan went.
 */
class NearDuplicateIndexTest {

    @Test
    void theIndexAgreesWithAFullScanBeforeAndAfterForgetting() {
        Random random = new Random(42);
        RecentActivity.SiteTexts index = new RecentActivity.SiteTexts();
        Deque<RecentActivity.Seen> all = new ArrayDeque<>();
        long[] campaigns = new long[40];
        for (int c = 0; c < campaigns.length; c++) {
            campaigns[c] = random.nextLong();
        }
        int near = 0;
        int total = RecentActivity.MAX_REMEMBERED_PER_SITE + 5_000;
        for (int i = 0; i < total; i++) {
            // Half are variants of a few campaign texts (0 to 12 bits changed), half unrelated texts.
            long simhash = i % 2 == 0 ? flipBits(campaigns[random.nextInt(campaigns.length)], random.nextInt(13), random)
                    : random.nextLong();
            String author = "author-" + random.nextInt(3_000);
            index.forgetBefore(i);
            while (all.size() >= RecentActivity.MAX_REMEMBERED_PER_SITE) {
                all.pollFirst();
            }
            if (i % 97 == 0) {
                int expected = Math.min(RecentActivity.COUNT_AT_MOST, fullScan(all, simhash, author));
                assertEquals(expected, index.otherAuthorsNear(simhash, author), "check " + i);
                near += expected > 0 ? 1 : 0;
            }
            RecentActivity.Seen seen = new RecentActivity.Seen(simhash, author, i);
            index.remember(seen);
            all.addLast(seen);
        }
        assertEquals(RecentActivity.MAX_REMEMBERED_PER_SITE, index.size());
        assertTrue(near > 50, "the comparison covered near-duplicates, not only misses: " + near);
    }

    @Test
    void hashesEightBitsApartShareABlockAndNineApartMayNot() {
        RecentActivity.SiteTexts index = new RecentActivity.SiteTexts();
        long original = 0L;
        index.remember(new RecentActivity.Seen(original, "first", 0));
        // One bit changed in each of eight blocks: only the ninth block agrees.
        long eightApart = 0L;
        for (int block = 0; block < 8; block++) {
            eightApart |= 1L << (block * 7);
        }
        assertEquals(1, index.otherAuthorsNear(eightApart, "second"));
        assertEquals(0, index.otherAuthorsNear(eightApart | 1L << 60, "third"), "nine bits apart is not near");
        assertEquals(0, index.otherAuthorsNear(original, "first"), "the same author is no campaign");
    }

    @Test
    void anAuthorRepeatingOneTextStaysCountedUntilTheirLastCopyIsForgotten() {
        RecentActivity.SiteTexts index = new RecentActivity.SiteTexts();
        long hour = 3_600_000_000_000L;
        for (int copy = 0; copy < 5; copy++) {
            index.remember(new RecentActivity.Seen(0xABCDL, "bot", copy * hour));
        }
        index.remember(new RecentActivity.Seen(0xABCDL, "other", 4 * hour));
        assertEquals(2, index.otherAuthorsNear(0xABCDL, "reader"));
        index.forgetBefore(RecentActivity.CAMPAIGN_WINDOW_NANOS + 3 * hour - 1); // the first three copies go
        assertEquals(3, index.size());
        assertEquals(2, index.otherAuthorsNear(0xABCDL, "reader"), "the bot's later copies still count");
        index.forgetBefore(RecentActivity.CAMPAIGN_WINDOW_NANOS + 4 * hour - 1); // the bot's fourth copy goes
        assertEquals(2, index.otherAuthorsNear(0xABCDL, "reader"));
        index.forgetBefore(RecentActivity.CAMPAIGN_WINDOW_NANOS + 5 * hour);
        assertEquals(0, index.size());
        assertEquals(0, index.otherAuthorsNear(0xABCDL, "reader"), "all forgotten");
    }

    private static int fullScan(Deque<RecentActivity.Seen> all, long simhash, String author) {
        Set<String> authors = new HashSet<>();
        for (RecentActivity.Seen earlier : all) {
            if (Long.bitCount(earlier.simhash() ^ simhash) <= RecentActivity.NEAR && !earlier.author().equals(author)) {
                authors.add(earlier.author());
            }
        }
        return authors.size();
    }

    private static long flipBits(long value, int bits, Random random) {
        long result = value;
        for (int i = 0; i < bits; i++) {
            result ^= 1L << random.nextInt(64);
        }
        return result;
    }

    @Test
    void aCampaignOfManyAuthorsIsCountedUpToTheCap() {
        RecentActivity.SiteTexts index = new RecentActivity.SiteTexts();
        for (int i = 0; i < 500; i++) {
            index.remember(new RecentActivity.Seen(0xF0F0F0F0L ^ (1L << (i % 8)), "author-" + i, i));
        }
        assertEquals(RecentActivity.COUNT_AT_MOST, index.otherAuthorsNear(0xF0F0F0F0L, "reader"));
    }
}
