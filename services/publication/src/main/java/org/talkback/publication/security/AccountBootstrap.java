package org.talkback.publication.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.talkback.publication.config.PublicationConfig;

/**
 * At the first start (no accounts yet), creates "admin" and "moderator" with the passwords from configuration
 * (TALKBACK_ADMIN_PASSWORD, TALKBACK_MODERATOR_PASSWORD); after that, accounts are managed through the admin API
 * and these settings are ignored, so changing them does not silently reset a password.
 */
@ApplicationScoped
public class AccountBootstrap {
    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class);

    void createFirstAccounts(@Observes StartupEvent event, Accounts accounts, PublicationConfig config) {
        Optional<String> adminPassword = config.bootstrap().adminPassword();
        Optional<String> moderatorPassword = config.bootstrap().moderatorPassword();
        if (!accounts.isEmpty()) {
            giveModeratorItsAddress(accounts, config);
            return;
        }
        adminPassword.ifPresent(password -> accounts.create("admin", password, Set.of("admin", "moderator"), "bootstrap"));
        moderatorPassword.ifPresent(password -> accounts.create("moderator", password, Set.of("moderator"), "bootstrap"));
        LOG.infof("created the first accounts from configuration: %s%s", adminPassword.isPresent() ? "admin " : "",
                moderatorPassword.isPresent() ? "moderator" : "");
        giveModeratorItsAddress(accounts, config);
    }

    /**
     * TALKBACK_MODERATOR_EMAIL gives the bootstrap moderator an address (immediate mail) while it has none, also on
     * a database made before mail existed; once set, the accounts API owns it.
     */
    private static void giveModeratorItsAddress(Accounts accounts, PublicationConfig config) {
        config.bootstrap().moderatorEmail().filter(email -> !email.isBlank())
                .ifPresent(email -> accounts.setMailIfUnset("moderator", email.trim()));
    }
}
