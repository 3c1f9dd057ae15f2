package org.talkback.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "talkback.intake")
public interface IntakeConfig {

    /**
     * Peers whose X-Forwarded-For is believed (the gateway, a CDN's egress addresses). Anyone else could write
     * any address there, so by default nobody is trusted and the connection's address is the reader's.
     */
    Optional<List<String>> trustedProxies();

    /** Longest comment body, in characters, after normalisation. */
    @WithDefault("10000")
    int maxBodyLength();
}
