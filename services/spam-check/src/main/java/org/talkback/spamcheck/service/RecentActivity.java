package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happened on a site in the last hours, kept in memory: near-identical comments from different authors (a
 * campaign: the same text with small changes from many addresses) and bursts from one address (a flood). Each
 * instance sees the checks it made; with several instances a campaign is seen later, not missed, as long as
 * enough of it reaches one of them.
 *
 * <p>Near-identical is a SimHash of the comment's words within 8 of 64 bits (Charikar's similarity hash, which
 * Google used for near-duplicate web pages with 3 bits on whole pages). Comments are short: in a 20-word comment,
 * changing or dropping one word moved 4 to 6 bits, where three-word shingles moved 9 to 12; a different comment on
 * the same topic, sharing several words, stayed 21 bits away (measured on the test's examples).
 *
 * <p>Finding the earlier comments within 8 bits does not scan them all (up to 20,000 per site, under the site's
 * lock, on every check): the 64 bits are cut into 9 blocks, and two hashes at most 8 bits apart agree on at least
 * one whole block (pigeonhole; the block-table method of Manku, Jain and Das Sarma, "Detecting near-duplicates for
 * web crawling", WWW 2007). Each block value indexes the comments that have it; only those are compared.
 */
@ApplicationScoped
public class RecentActivity {
    static final long CAMPAIGN_WINDOW_NANOS = 24L * 3600 * 1_000_000_000L;
    static final long FLOOD_WINDOW_NANOS = 60L * 1_000_000_000L;
    static final int MAX_REMEMBERED_PER_SITE = 20_000;
    /** Below this many words, unrelated comments ("great article, thanks") look alike. */
    static final int CAMPAIGN_MIN_WORDS = 8;
    static final int NEAR = 8;
    /**
     * Counting stops here: the campaign rule needs two, and a campaign of hundreds of authors made every check
     * compare against all of them (under the site's lock) until the pipeline fell behind.
     */
    static final int COUNT_AT_MOST = 10;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /**
     * What is known about a comment's company: other authors of near-identical text (counted up to
     * {@value #COUNT_AT_MOST}), and its address's pace.
     */
    public record Company(int otherAuthorsOfSameText, int recentFromAddress) {
    }

    record Seen(long simhash, String author, long at) {
    }

    private final Map<String, SiteTexts> texts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> addresses = new ConcurrentHashMap<>();

    /** Records the comment and tells what came before it. */
    public Company observe(String siteId, String content, String author, String clientIp) {
        long now = System.nanoTime();
        int others = 0;
        Long simhash = simhashOf(content);
        if (simhash != null) {
            SiteTexts site = texts.computeIfAbsent(siteId, s -> new SiteTexts());
            synchronized (site) {
                site.forgetBefore(now);
                others = site.otherAuthorsNear(simhash, author);
                site.remember(new Seen(simhash, author, now));
            }
        }
        int recent = 0;
        if (clientIp != null && !clientIp.isBlank()) {
            Deque<Long> times = addresses.computeIfAbsent(siteId + " " + clientIp, a -> new ArrayDeque<>());
            synchronized (times) {
                while (!times.isEmpty() && now - times.peekFirst() > FLOOD_WINDOW_NANOS) {
                    times.pollFirst();
                }
                recent = times.size();
                times.addLast(now);
            }
        }
        return new Company(others, recent);
    }

    /**
     * One site's remembered texts: every check in order, for forgetting, and each distinct hash once with the authors
     * who sent it, filed under each of its 9 blocks. A bot sending one text thousands of times adds to a count, not
     * to what every later check has to compare.
     */
    static final class SiteTexts {
        private static final int BLOCKS = NEAR + 1;
        private final Deque<Seen> inOrder = new ArrayDeque<>();
        /** Per distinct hash: how many remembered checks each author sent with it. */
        private final Map<Long, Map<String, Integer>> authorsByHash = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        private final Map<Integer, Set<Long>>[] byBlock = new Map[BLOCKS];

        SiteTexts() {
            for (int block = 0; block < BLOCKS; block++) {
                byBlock[block] = new java.util.HashMap<>();
            }
        }

        /** Forgets what is older than the campaign window at {@code now}, and the oldest beyond the site's cap. */
        void forgetBefore(long now) {
            while (!inOrder.isEmpty() && (now - inOrder.peekFirst().at() > CAMPAIGN_WINDOW_NANOS
                    || inOrder.size() >= MAX_REMEMBERED_PER_SITE)) {
                Seen leaving = inOrder.pollFirst();
                Map<String, Integer> authors = authorsByHash.get(leaving.simhash());
                authors.merge(leaving.author(), -1, (count, minus) -> count + minus == 0 ? null : count + minus);
                if (authors.isEmpty()) {
                    authorsByHash.remove(leaving.simhash());
                    for (int block = 0; block < BLOCKS; block++) {
                        int key = blockOf(leaving.simhash(), block);
                        Set<Long> filed = byBlock[block].get(key);
                        filed.remove(leaving.simhash());
                        if (filed.isEmpty()) {
                            byBlock[block].remove(key);
                        }
                    }
                }
            }
        }

        int otherAuthorsNear(long simhash, String author) {
            Set<String> authors = new HashSet<>();
            Set<Long> compared = new HashSet<>();
            for (int block = 0; block < BLOCKS; block++) {
                Set<Long> filed = byBlock[block].get(blockOf(simhash, block));
                if (filed == null) {
                    continue;
                }
                for (Long earlier : filed) {
                    if (compared.add(earlier) && Long.bitCount(earlier ^ simhash) <= NEAR) {
                        for (String other : authorsByHash.get(earlier).keySet()) {
                            if (!other.equals(author) && authors.add(other) && authors.size() >= COUNT_AT_MOST) {
                                return COUNT_AT_MOST;
                            }
                        }
                    }
                }
            }
            return authors.size();
        }

        void remember(Seen seen) {
            inOrder.addLast(seen);
            Map<String, Integer> authors = authorsByHash.computeIfAbsent(seen.simhash(), hash -> new java.util.HashMap<>());
            if (authors.isEmpty()) {
                for (int block = 0; block < BLOCKS; block++) {
                    byBlock[block].computeIfAbsent(blockOf(seen.simhash(), block), k -> new HashSet<>()).add(seen.simhash());
                }
            }
            authors.merge(seen.author(), 1, Integer::sum);
        }

        int size() {
            return inOrder.size();
        }

        /** Blocks 0–7 are 7 bits each, block 8 the remaining 8 bits. */
        static int blockOf(long simhash, int block) {
            int width = block == BLOCKS - 1 ? 8 : 7;
            return (int) ((simhash >>> (block * 7)) & ((1L << width) - 1));
        }
    }

    /** Forgets addresses gone quiet, so the map does not grow with every reader who ever commented. */
    @io.quarkus.scheduler.Scheduled(every = "5m")
    void forgetQuietAddresses() {
        long now = System.nanoTime();
        addresses.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return entry.getValue().isEmpty() || now - entry.getValue().peekLast() > FLOOD_WINDOW_NANOS;
            }
        });
    }

    /**
     * Whether the comment has enough words for its text to say who wrote it: below that, unrelated comments look
     * alike, by SimHash or even word for word.
     */
    public static boolean longEnoughToCompare(String content) {
        return wordsOf(content).size() >= CAMPAIGN_MIN_WORDS;
    }

    /** 64-bit SimHash over the comment's words; null for a comment too short to compare. */
    static Long simhashOf(String content) {
        java.util.List<String> words = wordsOf(content);
        if (words.size() < CAMPAIGN_MIN_WORDS) {
            return null;
        }
        int[] votes = new int[64];
        for (String word : words) {
            long hash = fnv1a64(word);
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long simhash = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                simhash |= 1L << bit;
            }
        }
        return simhash;
    }

    /** The comment's words, normalised, up to 400 (enough for a hash; a longer comment is no less itself). */
    private static java.util.List<String> wordsOf(String content) {
        Matcher matcher = WORD.matcher(TextFeatures.normalise(content).toLowerCase(Locale.ROOT));
        java.util.List<String> words = new java.util.ArrayList<>();
        while (matcher.find() && words.size() < 400) {
            words.add(matcher.group());
        }
        return words;
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        // FNV's high bits change little between similar strings; a finaliser (MurmurHash3's) spreads every bit.
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }
}
