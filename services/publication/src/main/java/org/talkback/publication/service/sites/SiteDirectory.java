package org.talkback.publication.service.sites;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.talkback.platform.cors.AllowedOrigins;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.repository.SiteRepository;

/**
 * Which sites exist and which web page origins may read them (CORS), held in memory because every read asks.
 * Reloaded every 10 seconds; a site not seen yet is looked up at once, so a new site works immediately.
 */
@ApplicationScoped
public class SiteDirectory {

    private final SiteRepository repository;
    private final List<String> defaultSiteOrigins;
    private volatile Set<String> siteIds = Set.of();
    private volatile AllowedOrigins origins = AllowedOrigins.NONE;
    private volatile long lastLookup = System.nanoTime() - 2_000_000_000L;

    public SiteDirectory(SiteRepository repository,
            PublicationConfig config) {
        this.repository = repository;
        this.defaultSiteOrigins = config.defaultSiteOrigins().orElse(List.of());
    }

    /** Whether the site exists; may ask the database, so not for the event loop unless {@link #known} said yes. */
    public boolean exists(String siteId) {
        if (known(siteId)) {
            return true;
        }
        // Unknown names are what a prober sends in bulk; look again at most once a second.
        long now = System.nanoTime();
        if (now - lastLookup > 1_000_000_000L) {
            lastLookup = now;
            reload();
        }
        return siteIds.contains(siteId);
    }

    /** Whether the site is known here without asking the database. */
    public boolean known(String siteId) {
        return siteId != null && siteIds.contains(siteId);
    }

    /** The 404 every endpoint answers for a site this server does not know. */
    public static ProblemException unknown(String siteId) {
        return ProblemException.notFound("No site named " + siteId + ".");
    }

    public AllowedOrigins origins() {
        return origins;
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "10s", delayed = "10s")
    void reload() {
        AllowedOrigins.Builder allowed = new AllowedOrigins.Builder().allow("default", defaultSiteOrigins);
        Map<String, List<String>> sites = repository.allowedOrigins();
        sites.forEach(allowed::allow);
        siteIds = Set.copyOf(sites.keySet());
        origins = allowed.build();
    }
}
