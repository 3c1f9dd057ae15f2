package org.talkback.platform.cors;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which web page origins may call a service for which sites (CORS). Built whole from the sites' settings and
 * replaced whole when they change, so a lookup never sees half a reload.
 */
public final class AllowedOrigins {
    public static final AllowedOrigins NONE = new AllowedOrigins(Map.of());

    private final Map<String, Set<String>> sitesByOrigin;

    private AllowedOrigins(Map<String, Set<String>> sitesByOrigin) {
        this.sitesByOrigin = sitesByOrigin;
    }

    /** Collects (site, origin) pairs; the default site's configured origins are added by the caller like any. */
    public static final class Builder {
        private final Map<String, Set<String>> sitesByOrigin = new HashMap<>();

        public Builder allow(String siteId, String origin) {
            if (origin != null && !origin.isBlank()) {
                sitesByOrigin.computeIfAbsent(normalise(origin), o -> new HashSet<>()).add(siteId);
            }
            return this;
        }

        public Builder allow(String siteId, Collection<String> origins) {
            origins.forEach(origin -> allow(siteId, origin));
            return this;
        }

        public AllowedOrigins build() {
            return new AllowedOrigins(Map.copyOf(sitesByOrigin));
        }
    }

    /** Whether a page from this origin may use some site here (all a preflight can know when the site is in a body). */
    public boolean knownOrigin(String origin) {
        return origin != null && sitesByOrigin.containsKey(normalise(origin));
    }

    public boolean allows(String siteId, String origin) {
        return origin != null && siteId != null && sitesByOrigin.getOrDefault(normalise(origin), Set.of()).contains(siteId);
    }

    /** Browsers send the origin as scheme://host[:port]; configuration may add case or a trailing slash. */
    static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
