package org.talkback.publication.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * publication's settings. A setting with an environment variable of its own gets its default where that variable
 * is read, in application.properties; the others get it here. Either way it is written once.
 */
@ConfigMapping(prefix = "talkback")
public interface PublicationConfig {

    /** Pages (origins) whose widgets may read the default site's threads; other sites list theirs. */
    Optional<List<String>> defaultSiteOrigins();

    Read read();

    Moderation moderation();

    Webhooks webhooks();

    Imports imports();

    Bootstrap bootstrap();

    Oidc oidc();

    @WithName("public")
    Public publicUrls();

    interface Read {
        /** Memory for rendered thread pages; 0 turns the page cache off. */
        long pageCacheBytes();

        /** A backstop only: changes drop a thread's pages within milliseconds anyway. */
        @WithDefault("10m")
        Duration pageCacheTtl();

        /** How often every instance reads the thread change log. */
        @WithDefault("100ms")
        Duration changePoll();

        /** Live streams (SSE) one instance keeps open. */
        int maxStreams();
    }

    interface Imports {
        /** Largest export file accepted, in bytes (compressed as sent, and again once decompressed). */
        @WithDefault("2147483648")
        long maxBytes();

        /** Where uploads wait while they are imported; the system's temporary directory when unset. */
        Optional<String> directory();

        /** Comments written per transaction (and per CommentsImported event). */
        @WithDefault("500")
        int batchSize();
    }

    interface Moderation {
        /** How long a comment may wait for its first verdict before it is held for the moderators. */
        @WithDefault("5m")
        Duration verdictDeadline();
    }

    interface Webhooks {
        @WithDefault("2s")
        Duration poll();

        /** The first retry's delay; each further one doubles it, up to an hour. */
        @WithDefault("2s")
        Duration backoff();

        @WithDefault("12")
        int maxAttempts();
    }

    /** The passwords of the first two accounts, used only while there are no accounts at all. */
    interface Bootstrap {
        Optional<String> adminPassword();

        Optional<String> moderatorPassword();
    }

    /** Sign-on through the newsroom's OpenID Connect provider; on when both the JWKS URL and issuer are set. */
    interface Oidc {
        Optional<String> jwksUrl();

        Optional<String> issuer();

        Optional<List<String>> audience();

        String rolesClaim();

        String moderatorRole();

        String adminRole();
    }

    interface Public {
        /** Where browsers reach comment-intake, for the demo page; empty behind the gateway (same origin). */
        Optional<String> intakeUrl();
    }
}
