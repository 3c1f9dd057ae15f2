package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.talkback.platform.transactions.AfterCommit;
import org.talkback.spamcheck.model.SiteFilter;

/**
 * The sites' filter settings as checks read them. A check used to load its site's row, and Hibernate then kept a
 * snapshot of its arrays to dirty-check at commit: 13 % of a check's CPU samples in spam-check in a JFR profile, for
 * settings that change a few times a year. Each instance now keeps the settings it read for a second. A change made through
 * this instance (rule settings, SiteConfigured) is seen by the next check after its commit; one made through
 * another instance within the second.
 *
 * <p>The filters handed out are detached copies shared between checks: read them, never change them.
 */
@ApplicationScoped
public class SiteFilters {
    static final long FRESH_NANOS = 1_000_000_000L;
    private static final String DEFAULT_SITE = "default";

    private record Remembered(SiteFilter filter, long until) {
    }

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public SiteFilters(EntityManager entityManager, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    /** The site's settings; a site spam-check has not heard of is judged by the default site's. */
    public SiteFilter of(String siteId) {
        long now = System.nanoTime();
        Remembered known = remembered.get(siteId);
        if (known == null || known.until() - now < 0) {
            SiteFilter filter = entityManager.find(SiteFilter.class, siteId);
            if (filter == null) {
                filter = entityManager.find(SiteFilter.class, DEFAULT_SITE);
            }
            entityManager.detach(filter);
            known = new Remembered(filter, now + FRESH_NANOS);
            remembered.put(siteId, known);
        }
        return known.filter();
    }

    /** Settings changed in the caller's transaction: once it has committed, read them again. */
    public void forgetAfterCommit() {
        AfterCommit.run(transactions, remembered::clear);
    }
}
