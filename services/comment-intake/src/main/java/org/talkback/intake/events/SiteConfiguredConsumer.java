package org.talkback.intake.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.intake.service.SiteSettings;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;

/** A site's settings from publication, where admins edit them: the form's rules here follow them. */
@ApplicationScoped
public class SiteConfiguredConsumer implements EventConsumer {

    /** intake's own copy of the fields it reads from publication's event. */
    record SiteConfigured(String site, List<String> allowedOrigins, boolean requireEmail, int editWindowSeconds,
            int maxReplyDepth, String bannedAuthors, List<Ban> bans) {
    }

    /** kind email, author (value lower-cased) or address (value an address or CIDR range). */
    record Ban(String kind, String value, Instant expiresAt) {
    }

    private final EntityManager entityManager;
    private final EventPayloads payloads;
    private final SiteSettings sites;

    public SiteConfiguredConsumer(EntityManager entityManager, EventPayloads payloads, SiteSettings sites) {
        this.entityManager = entityManager;
        this.payloads = payloads;
        this.sites = sites;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.SITE_CONFIGURED);
    }

    @Override
    public void consume(EventEnvelope event) {
        SiteConfigured settings = payloads.read(event, SiteConfigured.class);
        entityManager.createNativeQuery("""
                insert into site (id, require_email, edit_window_seconds, max_reply_depth, allowed_origins, banned_authors)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (id) do update set require_email = excluded.require_email,
                    edit_window_seconds = excluded.edit_window_seconds, max_reply_depth = excluded.max_reply_depth,
                    allowed_origins = excluded.allowed_origins, banned_authors = excluded.banned_authors
                """)
                .setParameter(1, event.site())
                .setParameter(2, settings.requireEmail())
                .setParameter(3, settings.editWindowSeconds())
                .setParameter(4, settings.maxReplyDepth())
                .setParameter(5, (settings.allowedOrigins() == null ? List.<String>of() : settings.allowedOrigins())
                        .toArray(String[]::new))
                .setParameter(6, "refuse".equals(settings.bannedAuthors()) ? "refuse" : "hold")
                .executeUpdate();
        entityManager.createNativeQuery("delete from site_ban where site_id = ?1").setParameter(1, event.site())
                .executeUpdate();
        for (Ban ban : settings.bans() == null ? List.<Ban>of() : settings.bans()) {
            boolean address = "address".equals(ban.kind());
            entityManager.createNativeQuery("""
                    insert into site_ban (site_id, kind, value, address, expires_at)
                    values (?1, ?2, ?3, cast(?4 as cidr), ?5)
                    """)
                    .setParameter(1, event.site())
                    .setParameter(2, ban.kind())
                    .setParameter(3, new TypedParameterValue<>(StandardBasicTypes.STRING, address ? null : ban.value()))
                    .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.STRING, address ? ban.value() : null))
                    .setParameter(5, new TypedParameterValue<>(StandardBasicTypes.INSTANT, ban.expiresAt()))
                    .executeUpdate();
        }
        sites.forgetAfterCommit(event.site());
    }
}
