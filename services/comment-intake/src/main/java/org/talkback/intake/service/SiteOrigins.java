package org.talkback.intake.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.talkback.intake.config.IntakeConfig;

/**
 * Which web page origins may use which site's comment form (CORS). Held in memory because every preflight
 * asks; reloaded from the site table every few seconds, so a change made on another instance shows quickly.
 */
@ApplicationScoped
public class SiteOrigins {

    private final EntityManager entityManager;
    private final List<String> defaultSiteOrigins;
    private volatile Map<String, Set<String>> sitesByOrigin = Map.of();

    public SiteOrigins(EntityManager entityManager, IntakeConfig config) {
        this.entityManager = entityManager;
        this.defaultSiteOrigins = config.defaultSiteOrigins().orElse(List.of());
    }

    /** Whether a page from this origin may use any site here (what a preflight can know: it has no body). */
    public boolean knownOrigin(String origin) {
        return origin != null && sitesByOrigin.containsKey(normalise(origin));
    }

    public boolean allows(String siteId, String origin) {
        return sitesByOrigin.getOrDefault(normalise(origin), Set.of()).contains(siteId);
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "10s", delayed = "10s")
    @Transactional
    void reload() {
        Map<String, Set<String>> loaded = new HashMap<>();
        List<?> rows = entityManager.createNativeQuery("select id, unnest(allowed_origins) from site").getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            loaded.computeIfAbsent(normalise((String) columns[1]), o -> new HashSet<>()).add((String) columns[0]);
        }
        for (String origin : defaultSiteOrigins) {
            loaded.computeIfAbsent(normalise(origin), o -> new HashSet<>()).add("default");
        }
        sitesByOrigin = loaded;
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
