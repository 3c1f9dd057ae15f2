package org.talkback.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "talkback.events")
public interface EventsConfig {

    /** Shared by the services for HMAC signatures on deliveries; comes from the environment, never the repo. */
    String secret();

    /** How old a delivery's signature may be; older ones are refused as replays. */
    @WithDefault("5m")
    Duration signatureTolerance();
}
