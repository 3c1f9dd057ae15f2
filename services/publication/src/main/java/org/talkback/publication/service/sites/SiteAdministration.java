package org.talkback.publication.service.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.talkback.platform.keys.ApiKeyFormat;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.events.SiteConfigured;
import org.talkback.publication.model.ModerationMode;
import org.talkback.publication.model.SiteSettings;
import org.talkback.publication.repository.BanRepository;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.service.read.BodyRenderer;

/**
 * Newsroom admins' settings for a site, validated as a whole, stored here and sent to intake and spam-check as
 * SiteConfigured in the same transaction, so the three services never disagree for longer than a delivery.
 */
@ApplicationScoped
public class SiteAdministration {
    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final SiteRepository sites;
    private final Outbox outbox;
    private final BanRepository bans;

    public SiteAdministration(SiteRepository sites, Outbox outbox, BanRepository bans) {
        this.sites = sites;
        this.outbox = outbox;
        this.bans = bans;
    }

    @Transactional
    public Optional<SiteSettings> find(String siteId) {
        return sites.settings(siteId);
    }

    /** Creates or replaces the site's settings and announces them; answers the settings as stored. */
    @Transactional
    public SiteSettings configure(String siteId, SiteSettings given) {
        SiteSettings settings = validate(siteId, given == null ? empty(siteId) : given);
        sites.save(settings);
        announce(settings);
        return settings;
    }

    /** Sends the site's current settings again (after its bans change, for instance). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String siteId) {
        find(siteId).ifPresent(this::announce);
    }

    private void announce(SiteSettings settings) {
        SiteConfigured event = new SiteConfigured(settings.site(), settings.allowedOrigins(), settings.moderationMode(),
                settings.requireEmail(), settings.editWindowSeconds(), settings.maxReplyDepth(),
                settings.linksBeforeHold(), settings.flagsBeforeReview(), settings.blockedWords(),
                settings.moderationWords(), settings.akismetKeys(), settings.bannedAuthors(), bans.active(settings.site()));
        outbox.publish(settings.site(), event);
    }

    private static SiteSettings empty(String siteId) {
        return new SiteSettings(siteId, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Every problem at once, as field errors; omitted fields take their defaults. */
    static SiteSettings validate(String siteId, SiteSettings given) {
        List<FieldError> errors = new ArrayList<>();
        if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
            errors.add(new FieldError("site", "1 to 64 lowercase letters, digits and dashes"));
        }
        List<String> origins = given.allowedOrigins() == null ? List.of() : given.allowedOrigins();
        List<String> normalisedOrigins = new ArrayList<>();
        for (String origin : origins) {
            Optional<String> valid = origin(origin);
            if (valid.isEmpty()) {
                errors.add(new FieldError("allowedOrigins", "not a web origin (scheme://host[:port]): " + origin));
            } else {
                normalisedOrigins.add(valid.get());
            }
        }
        String mode = given.moderationMode() == null ? "post" : given.moderationMode();
        if (ModerationMode.of(mode).isEmpty()) {
            errors.add(new FieldError("moderationMode", "must be post, pre or first-time"));
        }
        int editWindow = range(errors, "editWindowSeconds", given.editWindowSeconds(), 900, 0, 86_400);
        int depth = range(errors, "maxReplyDepth", given.maxReplyDepth(), 5, 0, 7);
        int links = range(errors, "linksBeforeHold", given.linksBeforeHold(), 2, 0, 100);
        int flags = range(errors, "flagsBeforeReview", given.flagsBeforeReview(), 3, 1, 1000);
        List<String> blocked = words(errors, "blockedWords", given.blockedWords());
        List<String> moderation = words(errors, "moderationWords", given.moderationWords());
        List<String> keys = given.akismetKeys() == null ? List.of() : given.akismetKeys();
        if (keys.size() > 20 || keys.stream().anyMatch(key -> !ApiKeyFormat.isWellFormed(key))) {
            errors.add(new FieldError("akismetKeys", "up to 20 keys, each " + ApiKeyFormat.DESCRIPTION));
        }
        String banned = given.bannedAuthors() == null ? "hold" : given.bannedAuthors();
        if (!banned.equals("hold") && !banned.equals("refuse")) {
            errors.add(new FieldError("bannedAuthors", "must be hold or refuse"));
        }
        String webhookUrl = given.webhookUrl() == null || given.webhookUrl().isBlank() ? null : given.webhookUrl().strip();
        if (webhookUrl != null && (webhookUrl.length() > 2048 || !BodyRenderer.isSafeLink(webhookUrl))) {
            errors.add(new FieldError("webhookUrl", "must be an absolute http(s) URL"));
        }
        String webhookSecret = given.webhookSecret();
        if (webhookUrl != null && (webhookSecret == null || webhookSecret.length() < 16 || webhookSecret.length() > 128)) {
            errors.add(new FieldError("webhookSecret", "16 to 128 characters, to sign the webhook's deliveries"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new SiteSettings(siteId, List.copyOf(normalisedOrigins), mode, Boolean.TRUE.equals(given.requireEmail()),
                editWindow, depth, links, flags, blocked, moderation, List.copyOf(keys), banned, webhookUrl,
                webhookUrl == null ? null : webhookSecret);
    }

    private static Optional<String> origin(String origin) {
        if (origin == null || origin.length() > 300) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && bare) {
                return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
            }
        } catch (URISyntaxException e) {
            // answered by the caller
        }
        return Optional.empty();
    }

    private static int range(List<FieldError> errors, String field, Integer value, int fallback, int min, int max) {
        int chosen = value == null ? fallback : value;
        if (chosen < min || chosen > max) {
            errors.add(new FieldError(field, "must be from " + min + " to " + max));
        }
        return chosen;
    }

    private static List<String> words(List<FieldError> errors, String field, List<String> given) {
        List<String> words = given == null ? List.of() : given;
        if (words.size() > 1000 || words.stream().anyMatch(w -> w == null || w.isBlank() || w.length() > 100)) {
            errors.add(new FieldError(field, "up to 1,000 words or phrases of 1 to 100 characters"));
            return List.of();
        }
        return words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
