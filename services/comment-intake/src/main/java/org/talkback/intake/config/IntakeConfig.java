package org.talkback.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "talkback.intake")
public interface IntakeConfig {

    /**
     * Peers whose X-Forwarded-For is believed (the gateway, a CDN's egress addresses). Anyone else could write
     * any address there, so by default nobody is trusted and the connection's address is the reader's. Addresses
     * or CIDR ranges; a malformed entry stops the service at start rather than trusting the wrong peers.
     */
    Optional<List<String>> trustedProxies();

    /** Longest comment body, in characters, after normalisation. */
    @WithDefault("10000")
    int maxBodyLength();

    AbuseLimits abuseLimits();

    /** Rate limits and the flood rule; a load test turns them off (TALKBACK_ABUSE_LIMITS=false). */
    interface AbuseLimits {
        @WithDefault("true")
        boolean enabled();

        /** Comments one client address may post at once; shared addresses (offices, mobile carriers) need room. */
        @WithDefault("20")
        int perAddressBurst();

        @WithDefault("10")
        int perAddressPerMinute();

        @WithDefault("5")
        int perEmailBurst();

        @WithDefault("3")
        int perEmailPerMinute();
    }

    /** Origins allowed to embed the default site's form, until sites are configured through publication. */
    Optional<List<String>> defaultSiteOrigins();
}
