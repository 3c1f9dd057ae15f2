package org.talkback.publication.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.talkback.platform.cors.AllowedOrigins;

/**
 * Which sites exist and which web page origins may read them (CORS), held in memory because every read asks.
 * Reloaded every 10 seconds; a site not seen yet is looked up at once, so a new site works immediately.
 */
@ApplicationScoped
public class SiteDirectory {

    private final AgroalDataSource dataSource;
    private final List<String> defaultSiteOrigins;
    private volatile Set<String> siteIds = Set.of();
    private volatile AllowedOrigins origins = AllowedOrigins.NONE;
    private volatile long lastLookup = System.nanoTime() - 2_000_000_000L;

    public SiteDirectory(AgroalDataSource dataSource,
            @ConfigProperty(name = "talkback.default-site-origins") Optional<List<String>> defaultSiteOrigins) {
        this.dataSource = dataSource;
        this.defaultSiteOrigins = defaultSiteOrigins.orElse(List.of());
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

    public AllowedOrigins origins() {
        return origins;
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "10s", delayed = "10s")
    void reload() {
        Set<String> ids = new HashSet<>();
        AllowedOrigins.Builder allowed = new AllowedOrigins.Builder().allow("default", defaultSiteOrigins);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select id, allowed_origins from site");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                ids.add(id);
                Array siteOrigins = rows.getArray(2);
                allowed.allow(id, List.of((String[]) siteOrigins.getArray()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sites failed", e);
        }
        siteIds = Set.copyOf(ids);
        origins = allowed.build();
    }
}
