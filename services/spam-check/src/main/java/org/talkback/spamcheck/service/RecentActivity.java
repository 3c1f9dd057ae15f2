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
 */
@ApplicationScoped
public class RecentActivity {
    static final long CAMPAIGN_WINDOW_NANOS = 24L * 3600 * 1_000_000_000L;
    static final long FLOOD_WINDOW_NANOS = 60L * 1_000_000_000L;
    static final int MAX_REMEMBERED_PER_SITE = 20_000;
    /** Below this many words, unrelated comments ("great article, thanks") look alike. */
    static final int CAMPAIGN_MIN_WORDS = 8;
    static final int NEAR = 8;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** What is known about a comment's company: other authors of near-identical text, and its address's pace. */
    public record Company(int otherAuthorsOfSameText, int recentFromAddress) {
    }

    private record Seen(long simhash, String author, long at) {
    }

    private final Map<String, Deque<Seen>> texts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> addresses = new ConcurrentHashMap<>();

    /** Records the comment and tells what came before it. */
    public Company observe(String siteId, String content, String author, String clientIp) {
        long now = System.nanoTime();
        int others = 0;
        Long simhash = simhashOf(content);
        if (simhash != null) {
            Deque<Seen> seen = texts.computeIfAbsent(siteId, s -> new ArrayDeque<>());
            synchronized (seen) {
                while (!seen.isEmpty() && (now - seen.peekFirst().at() > CAMPAIGN_WINDOW_NANOS
                        || seen.size() >= MAX_REMEMBERED_PER_SITE)) {
                    seen.pollFirst();
                }
                Set<String> authors = new HashSet<>();
                for (Seen earlier : seen) {
                    if (Long.bitCount(earlier.simhash() ^ simhash) <= NEAR && !earlier.author().equals(author)) {
                        authors.add(earlier.author());
                    }
                }
                others = authors.size();
                seen.addLast(new Seen(simhash, author, now));
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

    /** 64-bit SimHash over the comment's words; null for a comment too short to compare. */
    static Long simhashOf(String content) {
        Matcher matcher = WORD.matcher(TextFeatures.normalise(content).toLowerCase(Locale.ROOT));
        java.util.List<String> words = new java.util.ArrayList<>();
        while (matcher.find() && words.size() < 400) {
            words.add(matcher.group());
        }
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
