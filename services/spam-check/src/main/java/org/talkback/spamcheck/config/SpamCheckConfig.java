package org.talkback.spamcheck.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** spam-check's own settings; both come from environment variables, whose defaults application.properties gives. */
@ConfigMapping(prefix = "talkback.spam-check")
public interface SpamCheckConfig {

    /**
     * A key for the default site that needs no site settings: the local launcher sets it so an Akismet client works at
     * once. Unset in production, where sites' keys come from their settings in publication.
     */
    Optional<String> developmentKey();

    /**
     * The flood and campaign rules. Off only for load tests, whose comments come from one address and look alike;
     * the same switch turns intake's rate limits off.
     */
    boolean activityRules();

    /**
     * Each site's own model, fitted from its labelled examples, with thresholds from its error budget. Off, every
     * site is judged by the naive Bayes classifier and its thresholds as before (to compare, or to rule it out).
     */
    @io.smallrye.config.WithDefault("true")
    boolean siteModels();
}
