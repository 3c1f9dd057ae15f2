package org.talkback.intake.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.talkback.intake.config.IntakeConfig;
import org.talkback.intake.model.Site;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.platform.problem.ProblemException;

/**
 * The hard limits on posting, checked before a comment is stored: rate limits per client address and per
 * author email, WordPress's flood rule (one comment per author per interval) and its duplicate rule (the same
 * text twice in a thread). Softer signals (honeypot, form timing) are not refused here; they travel to spam-check.
 */
@ApplicationScoped
public class AbuseGuard {

    private final CommentRepository comments;
    private volatile boolean enabled;
    private volatile TokenBuckets perAddress;
    private volatile TokenBuckets perEmail;

    public AbuseGuard(CommentRepository comments, IntakeConfig config) {
        this.comments = comments;
        IntakeConfig.AbuseLimits limits = config.abuseLimits();
        useLimits(limits.enabled(), limits.perAddressBurst(), limits.perAddressPerMinute(), limits.perEmailBurst(),
                limits.perEmailPerMinute());
    }

    /**
     * Replaces the limits (and forgets every bucket). Configuration sets them at start; tests use this to turn
     * them on with small numbers without restarting the application.
     */
    public void useLimits(boolean on, int perAddressBurst, int perAddressPerMinute, int perEmailBurst,
            int perEmailPerMinute) {
        this.perAddress = new TokenBuckets(perAddressBurst, perAddressPerMinute);
        this.perEmail = new TokenBuckets(perEmailBurst, perEmailPerMinute);
        this.enabled = on;
    }

    /** Rate limits, taken before any database work so that a flood costs us as little as possible. */
    public void checkRate(String clientAddress, String authorEmail) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        long wait = clientAddress == null ? 0 : perAddress.take(clientAddress, now);
        if (wait == 0 && authorEmail != null) {
            wait = perEmail.take(authorEmail.toLowerCase(Locale.ROOT), now);
        }
        if (wait > 0) {
            throw ProblemException.rateLimited("Too many comments from you in a short time; try again later.", wait);
        }
    }

    /** Flood and duplicate rules; the author is their email, or without one their name at their address. */
    public void checkAuthorHistory(Site site, UUID threadId, String authorName, String authorEmail,
            String clientAddress, String bodyHash, Instant now) {
        if (comments.sameTextByAuthor(threadId, bodyHash, authorName, authorEmail, clientAddress)) {
            throw ProblemException.conflict("You have already posted this comment here.");
        }
        if (!enabled || site.floodIntervalSeconds <= 0) {
            return;
        }
        Instant latest = comments.latestByAuthor(site.id, authorName, authorEmail, clientAddress);
        if (latest != null) {
            long wait = site.floodIntervalSeconds - Duration.between(latest, now).toSeconds();
            if (wait > 0) {
                throw ProblemException.rateLimited("You are posting comments too quickly; slow down.", wait);
            }
        }
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        long now = System.nanoTime();
        perAddress.forgetIdle(now);
        perEmail.forgetIdle(now);
    }
}
