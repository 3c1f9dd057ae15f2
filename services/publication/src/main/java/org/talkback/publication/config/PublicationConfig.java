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

    Mail mail();

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

        /** The bootstrap moderator's address (TALKBACK_MODERATOR_EMAIL), given to that account while it has none. */
        Optional<String> moderatorEmail();
    }

    /**
     * Mail to moderators and readers. The SMTP connection itself is Quarkus Mailer's (quarkus.mailer.*, from the
     * TALKBACK_SMTP_* variables); these say what is sent, when, and how the links in it work.
     */
    interface Mail {
        /** The SMTP server; without one nothing is queued or sent (TALKBACK_SMTP_HOST). */
        Optional<String> smtpHost();

        /** Mail is on when there is an SMTP server to send it to. */
        default boolean enabled() {
            return smtpHost().filter(host -> !host.isBlank()).isPresent();
        }

        /** For the start-up line only; the mailer reads quarkus.mailer.port. */
        int smtpPort();

        /** none, starttls or tls (SmtpTlsConfigSource applies it to the mailer); unset: STARTTLS when offered. */
        Optional<String> smtpTls();

        /** Where people reach publication from a mail client: every link in a mail starts with it. */
        String publicUrl();

        /** Signs the links in mails; derived from the events secret when unset. */
        Optional<String> linkSecret();

        /** How long a moderator's approve / reject / spam link works. */
        @WithDefault("P7D")
        Duration decisionLinkLifetime();

        /** How long a reader's address confirmation link works. */
        @WithDefault("P7D")
        Duration confirmationLinkLifetime();

        /** Unsubscribe links keep working this long (RFC 8058 asks for "a reasonable time"). */
        @WithDefault("P365D")
        Duration unsubscribeLinkLifetime();

        /** Sent and parked mails, and expired links, are deleted after this long. */
        @WithDefault("P30D")
        Duration retention();

        /** At most this many mails per recipient per hour; what comes beyond waits and goes out as one digest. */
        @WithDefault("10")
        int perRecipientPerHour();

        /** Replies published within this window go out together, in one mail. */
        @WithDefault("PT2M")
        Duration replyBatchWindow();

        /** Confirmation mails one address may receive per day (somebody typing another's address). */
        @WithDefault("2")
        int confirmationsPerAddressPerDay();

        /** Confirmation mails asked for from one client address per hour (one machine typing many addresses). */
        @WithDefault("5")
        int confirmationsPerClientPerHour();

        /** The hour (UTC) at which daily digests go out; hourly ones go out at the top of each hour. */
        @WithDefault("7")
        int dailyDigestHour();

        @WithDefault("2s")
        Duration poll();

        /** The first retry's delay after a failed send; each further one doubles it, up to an hour. */
        @WithDefault("10s")
        Duration backoff();

        /** Attempts before a mail is parked (kept, not sent); a permanent SMTP refusal (5xx) parks it at once. */
        @WithDefault("10")
        int maxAttempts();
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
