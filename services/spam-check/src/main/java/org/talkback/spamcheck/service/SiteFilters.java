package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.repository.SiteFilterRepository;

/**
 * The sites' filter settings as checks read them. A check used to load its site's row, and Hibernate then kept a
 * snapshot of its arrays to dirty-check at commit: 13 % of a check's CPU samples in spam-check in a JFR profile, for
 * settings that change a few times a year. Each instance now keeps the settings it read for a second. A change
 * made through this instance (rule settings, SiteConfigured) is seen by the next check after its commit; one made
 * through another instance within the second.
 *
 * <p>The filters handed out are detached copies shared between checks: read them, never change them.
 */
@ApplicationScoped
public class SiteFilters {
    private static final long KEEP_NANOS = 1_000_000_000L;
    private static final String DEFAULT_SITE = "default";

    private final SiteFilterRepository repository;
    private final TransactionSynchronizationRegistry transactions;
    private final ShortTermMemory<String, SiteFilter> remembered = new ShortTermMemory<>(filter -> KEEP_NANOS);

    public SiteFilters(SiteFilterRepository repository, TransactionSynchronizationRegistry transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    /** The site's settings; a site spam-check has not heard of is judged by the default site's. */
    public SiteFilter of(String siteId) {
        return remembered.get(siteId, this::load);
    }

    /** Settings changed in the caller's transaction: once it has committed, read them again. */
    public void forgetAfterCommit() {
        remembered.forgetAfterCommit(transactions);
    }

    private SiteFilter load(String siteId) {
        return repository.detached(siteId).or(() -> repository.detached(DEFAULT_SITE)).orElseThrow();
    }
}
