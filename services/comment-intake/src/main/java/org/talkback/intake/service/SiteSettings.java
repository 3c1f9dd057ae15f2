package org.talkback.intake.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.talkback.intake.config.IntakeConfig;
import org.talkback.platform.cors.AllowedOrigins;
import org.talkback.intake.model.Site;
import org.talkback.platform.transactions.AfterCommit;

/**
 * Each site's settings and which web page origins may use its comment form (CORS), held in memory because every
 * post and every preflight asks. Reloaded from the site table every 10 seconds, so a change (made on another
 * instance, or by a SiteConfigured event) applies within that time; a site not seen before is read at once.
 */
@ApplicationScoped
public class SiteSettings {

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final List<String> defaultSiteOrigins;
    private volatile AllowedOrigins origins = AllowedOrigins.NONE;
    private final Map<String, Site> sitesById = new ConcurrentHashMap<>();

    public SiteSettings(EntityManager entityManager, IntakeConfig config, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.defaultSiteOrigins = config.defaultSiteOrigins().orElse(List.of());
    }

    /** The site's settings, or null for a site this server does not know. Read-only: a detached copy. */
    public Site find(String siteId) {
        Site site = sitesById.get(siteId);
        if (site == null) {
            site = entityManager.find(Site.class, siteId);
            if (site != null) {
                entityManager.detach(site);
                sitesById.put(siteId, site);
            }
        }
        return site;
    }

    /** Whether a page from this origin may use any site here (what a preflight can know: it has no body). */
    public boolean knownOrigin(String origin) {
        return origins.knownOrigin(origin);
    }

    public boolean allows(String siteId, String origin) {
        return origins.allows(siteId, origin);
    }

    /**
     * A site's settings changed in this transaction (SiteConfigured): once it commits, the cached copy is dropped
     * so the next post reads the new one. Allowed origins follow with the next reload, within 10 seconds.
     */
    public void forgetAfterCommit(String siteId) {
        AfterCommit.run(transactions, () -> sitesById.remove(siteId));
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "10s", delayed = "10s")
    @Transactional
    void reload() {
        for (Site site : entityManager.createQuery("from Site", Site.class).getResultList()) {
            entityManager.detach(site);
            sitesById.put(site.id, site);
        }
        AllowedOrigins.Builder loaded = new AllowedOrigins.Builder().allow("default", defaultSiteOrigins);
        List<?> rows = entityManager.createNativeQuery("select id, unnest(allowed_origins) from site").getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            loaded.allow((String) columns[0], (String) columns[1]);
        }
        origins = loaded.build();
    }
}
