package org.talkback.platform.threads;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One article, one thread: the same page reached through a newsletter link (utm_*), a share button (fbclid) or
 * an anchor must land in the same thread, so URLs are reduced to a canonical form before they name a thread.
 * Shared because intake (writing) and publication (reading) must agree on it to the byte.
 */
public final class ThreadUrls {
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid",
            "mc_eid", "igshid", "_ga", "ref_src", "yclid");

    private ThreadUrls() {
    }

    /** The canonical form, or empty when this is not an absolute http(s) URL. */
    public static Optional<String> canonical(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder canonical = new StringBuilder()
                    .append(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
            if (!defaultPort) {
                canonical.append(':').append(port);
            }
            canonical.append(path);
            String query = withoutTracking(uri.getRawQuery());
            if (!query.isEmpty()) {
                canonical.append('?').append(query);
            }
            return Optional.of(canonical.toString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(parameter -> !parameter.isEmpty())
                .filter(parameter -> {
                    String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                    return !name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name);
                })
                .collect(Collectors.joining("&"));
    }
}
