package org.talkback.intake.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.talkback.intake.config.IntakeConfig;
import org.talkback.intake.model.Site;
import org.talkback.platform.problem.ProblemException;

/**
 * The hard limits on posting, checked before a comment is stored: rate limits per client address and per
 * author email, WordPress's flood rule (one comment per author per interval) and its duplicate rule (the same
 * text twice in a thread). Softer signals (honeypot, form timing) are not refused here; they travel to spam-check.
 */
@ApplicationScoped
public class AbuseGuard {

    private final EntityManager entityManager;
    private volatile boolean enabled;
    private volatile TokenBuckets perAddress;
    private volatile TokenBuckets perEmail;

    public AbuseGuard(EntityManager entityManager, IntakeConfig config) {
        this.entityManager = entityManager;
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
        if (duplicate(threadId, bodyHash, authorName, authorEmail, clientAddress)) {
            throw ProblemException.conflict("You have already posted this comment here.");
        }
        if (!enabled || site.floodIntervalSeconds <= 0) {
            return;
        }
        Instant latest = latestBy(site.id, authorName, authorEmail, clientAddress);
        if (latest != null) {
            long wait = site.floodIntervalSeconds - Duration.between(latest, now).toSeconds();
            if (wait > 0) {
                throw ProblemException.rateLimited("You are posting comments too quickly; slow down.", wait);
            }
        }
    }

    private boolean duplicate(UUID threadId, String bodyHash, String name, String email, String address) {
        List<?> rows = entityManager.createNativeQuery("""
                select 1 from comment
                where thread_id = ?1 and body_hash = ?2 and retracted_at is null
                  and (author_email = ?3 or (author_email is null and client_ip = ?4 and author_name = ?5))
                limit 1""")
                .setParameter(1, threadId).setParameter(2, bodyHash).setParameter(3, email == null ? "" : email)
                .setParameter(4, address == null ? "" : address).setParameter(5, name)
                .getResultList();
        return !rows.isEmpty();
    }

    private Instant latestBy(String siteId, String name, String email, String address) {
        String sql = email != null
                ? "select max(created_at) from comment where site_id = ?1 and author_email = ?2"
                : "select max(created_at) from comment where site_id = ?1 and client_ip = ?2 and author_name = ?3";
        var query = entityManager.createNativeQuery(sql, Instant.class).setParameter(1, siteId)
                .setParameter(2, email != null ? email : address == null ? "" : address);
        if (email == null) {
            query.setParameter(3, name);
        }
        return (Instant) query.getSingleResult();
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        long now = System.nanoTime();
        perAddress.forgetIdle(now);
        perEmail.forgetIdle(now);
    }
}
