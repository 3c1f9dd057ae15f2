package org.talkback.publication.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.publication.events.SiteConfigured;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.repository.BanRepository;
import org.talkback.publication.rest.BanView;
import org.talkback.publication.rest.SiteSettingsView;

/**
 * Newsroom admins' settings for a site, validated as a whole, stored here and sent to intake and spam-check as
 * SiteConfigured in the same transaction, so the three services never disagree for longer than a delivery.
 */
@ApplicationScoped
public class SiteAdministration {
    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern AKISMET_KEY = Pattern.compile("[A-Za-z0-9]{8,64}");
    private static final Set<String> MODES = Set.of("post", "pre", "first-time");

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final BanRepository bans;

    public SiteAdministration(EntityManager entityManager, Outbox outbox, BanRepository bans) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.bans = bans;
    }

    @Transactional
    public Optional<SiteSettingsView> find(String siteId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, allowed_origins, moderation_mode, require_email, edit_window_seconds, max_reply_depth,
                       links_before_hold, flags_before_review, blocked_words, moderation_words, akismet_keys, banned_authors,
                       webhook_url, webhook_secret
                  from site where id = ?1
                """).setParameter(1, siteId).getResultList();
        return rows.stream().findFirst().map(row -> new SiteSettingsView((String) row[0], list(row[1]), (String) row[2],
                (Boolean) row[3], ((Number) row[4]).intValue(), ((Number) row[5]).intValue(),
                ((Number) row[6]).intValue(), ((Number) row[7]).intValue(), list(row[8]), list(row[9]), list(row[10]),
                (String) row[11], (String) row[12], (String) row[13]));
    }

    /** Creates or replaces the site's settings and announces them; answers the settings as stored. */
    @Transactional
    public SiteSettingsView configure(String siteId, SiteSettingsView given) {
        SiteSettingsView settings = validate(siteId, given == null ? empty(siteId) : given);
        entityManager.createNativeQuery("""
                insert into site (id, allowed_origins, moderation_mode, require_email, edit_window_seconds,
                                  max_reply_depth, links_before_hold, flags_before_review, blocked_words,
                                  moderation_words, akismet_keys, banned_authors, webhook_url, webhook_secret, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, now())
                on conflict (id) do update set allowed_origins = excluded.allowed_origins,
                    moderation_mode = excluded.moderation_mode, require_email = excluded.require_email,
                    edit_window_seconds = excluded.edit_window_seconds, max_reply_depth = excluded.max_reply_depth,
                    links_before_hold = excluded.links_before_hold, flags_before_review = excluded.flags_before_review,
                    blocked_words = excluded.blocked_words, moderation_words = excluded.moderation_words,
                    akismet_keys = excluded.akismet_keys, banned_authors = excluded.banned_authors,
                    webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret, updated_at = now()
                """)
                .setParameter(1, siteId)
                .setParameter(2, settings.allowedOrigins().toArray(String[]::new))
                .setParameter(3, settings.moderationMode())
                .setParameter(4, settings.requireEmail())
                .setParameter(5, settings.editWindowSeconds())
                .setParameter(6, settings.maxReplyDepth())
                .setParameter(7, settings.linksBeforeHold())
                .setParameter(8, settings.flagsBeforeReview())
                .setParameter(9, settings.blockedWords().toArray(String[]::new))
                .setParameter(10, settings.moderationWords().toArray(String[]::new))
                .setParameter(11, settings.akismetKeys().toArray(String[]::new))
                .setParameter(12, settings.bannedAuthors())
                .setParameter(13, new TypedParameterValue<>(StandardBasicTypes.STRING, settings.webhookUrl()))
                .setParameter(14, new TypedParameterValue<>(StandardBasicTypes.STRING, settings.webhookSecret()))
                .executeUpdate();
        entityManager.clear(); // the Site entity other code reads must not be a stale copy from this transaction
        announce(settings);
        return settings;
    }

    /** Sends the site's current settings again (after its bans change, for instance). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String siteId) {
        find(siteId).ifPresent(this::announce);
    }

    private void announce(SiteSettingsView settings) {
        SiteConfigured event = new SiteConfigured(settings.site(), settings.allowedOrigins(), settings.moderationMode(),
                settings.requireEmail(), settings.editWindowSeconds(), settings.maxReplyDepth(),
                settings.linksBeforeHold(), settings.flagsBeforeReview(), settings.blockedWords(),
                settings.moderationWords(), settings.akismetKeys(), settings.bannedAuthors(), bans.active(settings.site()));
        outbox.publish(settings.site(), event);
    }

    private static SiteSettingsView empty(String siteId) {
        return new SiteSettingsView(siteId, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Every problem at once, as field errors; omitted fields take their defaults. */
    static SiteSettingsView validate(String siteId, SiteSettingsView given) {
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
        if (!MODES.contains(mode)) {
            errors.add(new FieldError("moderationMode", "must be post, pre or first-time"));
        }
        int editWindow = range(errors, "editWindowSeconds", given.editWindowSeconds(), 900, 0, 86_400);
        int depth = range(errors, "maxReplyDepth", given.maxReplyDepth(), 5, 0, 7);
        int links = range(errors, "linksBeforeHold", given.linksBeforeHold(), 2, 0, 100);
        int flags = range(errors, "flagsBeforeReview", given.flagsBeforeReview(), 3, 1, 1000);
        List<String> blocked = words(errors, "blockedWords", given.blockedWords());
        List<String> moderation = words(errors, "moderationWords", given.moderationWords());
        List<String> keys = given.akismetKeys() == null ? List.of() : given.akismetKeys();
        if (keys.size() > 20 || keys.stream().anyMatch(key -> key == null || !AKISMET_KEY.matcher(key).matches())) {
            errors.add(new FieldError("akismetKeys", "up to 20 keys of 8 to 64 letters and digits"));
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
        return new SiteSettingsView(siteId, List.copyOf(normalisedOrigins), mode, Boolean.TRUE.equals(given.requireEmail()),
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

    private static List<String> list(Object array) {
        if (array instanceof String[] strings) {
            return List.of(strings);
        }
        if (array instanceof java.sql.Array sql) {
            try {
                return Arrays.asList((String[]) sql.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.of();
    }
}
