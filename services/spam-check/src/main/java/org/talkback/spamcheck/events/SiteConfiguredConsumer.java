package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.spamcheck.service.ApiKeys;
import org.talkback.spamcheck.service.SiteFilters;

/** A site's filter settings and API keys from publication, where admins edit them; the next check uses them. */
@ApplicationScoped
public class SiteConfiguredConsumer implements EventConsumer {

    /** spam-check's own copy of the fields it reads from publication's event. */
    record SiteConfigured(int linksBeforeHold, List<String> blockedWords, List<String> moderationWords,
            List<String> akismetKeys) {
    }

    private final EntityManager entityManager;
    private final EventPayloads payloads;
    private final ApiKeys keys;
    private final SiteFilters filters;

    public SiteConfiguredConsumer(EntityManager entityManager, EventPayloads payloads, ApiKeys keys, SiteFilters filters) {
        this.entityManager = entityManager;
        this.payloads = payloads;
        this.keys = keys;
        this.filters = filters;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.SITE_CONFIGURED);
    }

    @Override
    public void consume(EventEnvelope event) {
        SiteConfigured settings = payloads.read(event, SiteConfigured.class);
        entityManager.createNativeQuery("""
                insert into site (id, links_before_hold, blocked_words, moderation_words) values (?1, ?2, ?3, ?4)
                on conflict (id) do update set links_before_hold = excluded.links_before_hold,
                    blocked_words = excluded.blocked_words, moderation_words = excluded.moderation_words
                """)
                .setParameter(1, event.site())
                .setParameter(2, settings.linksBeforeHold())
                .setParameter(3, array(settings.blockedWords()))
                .setParameter(4, array(settings.moderationWords()))
                .executeUpdate();
        // The keys are replaced as a whole: a key the admin removed stops working with this event.
        entityManager.createNativeQuery("delete from site_api_key where site_id = ?1").setParameter(1, event.site())
                .executeUpdate();
        for (String key : settings.akismetKeys() == null ? List.<String>of() : settings.akismetKeys()) {
            entityManager.createNativeQuery("insert into site_api_key (key_hash, site_id) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, ApiKeys.hashOf(key))
                    .setParameter(2, event.site())
                    .executeUpdate();
        }
        keys.forgetAfterCommit();
        filters.forgetAfterCommit();
    }

    private static String[] array(List<String> words) {
        return words == null ? new String[0] : words.toArray(String[]::new);
    }
}
