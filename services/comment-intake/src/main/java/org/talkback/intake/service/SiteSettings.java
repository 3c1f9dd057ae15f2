package org.talkback.intake.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.talkback.intake.config.IntakeConfig;
import org.talkback.intake.model.Site;
import org.talkback.intake.repository.SiteRepository;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.platform.cors.AllowedOrigins;
import org.talkback.platform.transactions.AfterCommit;

/**
 * Each site's settings, its bans and which web page origins may use its comment form (CORS), held in memory because
 * every post and every preflight asks. Reloaded from the site tables every 10 seconds, so a change (made on another
 * instance, or by a SiteConfigured event) applies within that time; a site not seen before is read at once.
 */
@ApplicationScoped
public class SiteSettings {

    private final SiteRepository repository;
    private final TransactionSynchronizationRegistry transactions;
    private final List<String> defaultSiteOrigins;
    private volatile AllowedOrigins origins = AllowedOrigins.NONE;
    private final Map<String, Site> sitesById = new ConcurrentHashMap<>();
    private volatile Map<String, List<AuthorBan>> bansBySite = Map.of();

    public SiteSettings(SiteRepository repository, IntakeConfig config, TransactionSynchronizationRegistry transactions) {
        this.repository = repository;
        this.transactions = transactions;
        this.defaultSiteOrigins = config.defaultSiteOrigins().orElse(List.of());
    }

    /** The site's settings, or null for a site this server does not know. Read-only: a detached copy. */
    public Site find(String siteId) {
        Site site = sitesById.get(siteId);
        if (site == null) {
            site = repository.detached(siteId);
            if (site != null) {
                sitesById.put(siteId, site);
            }
        }
        return site;
    }

    /**
     * Whether the site turns this author away: only a site that refuses banned authors does (the others' comments
     * are held by publication), and only while a ban covers the author's email, name or address.
     */
    public boolean refuses(Site site, String email, String authorName, String clientIp) {
        return "refuse".equals(site.bannedAuthors) && AuthorBan.firstCovering(
                bansBySite.getOrDefault(site.id, List.of()), email, authorName, clientIp, Instant.now()).isPresent();
    }

    /** Whether a page from this origin may use any site here (what a preflight can know: it has no body). */
    public boolean knownOrigin(String origin) {
        return origins.knownOrigin(origin);
    }

    public boolean allows(String siteId, String origin) {
        return origins.allows(siteId, origin);
    }

    /**
     * A site's settings changed in this transaction (SiteConfigured): once it commits, the cached copy and the bans
     * are read again, so the next post follows them. Allowed origins follow with the next reload, within 10 seconds.
     */
    public void forgetAfterCommit(String siteId) {
        Map<String, List<AuthorBan>> bans = Map.copyOf(repository.bans()); // this transaction's own writes included
        AfterCommit.run(transactions, () -> {
            sitesById.remove(siteId);
            bansBySite = bans;
        });
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "10s", delayed = "10s")
    @Transactional
    void reload() {
        for (Site site : repository.allDetached()) {
            sitesById.put(site.id, site);
        }
        AllowedOrigins.Builder loaded = new AllowedOrigins.Builder().allow("default", defaultSiteOrigins);
        repository.allowedOrigins().forEach(loaded::allow);
        origins = loaded.build();
        bansBySite = Map.copyOf(repository.bans());
    }
}
