package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.spamcheck.repository.ApiKeyRepository;
import org.talkback.spamcheck.repository.SiteFilterRepository;
import org.talkback.spamcheck.service.ApiKeys;
import org.talkback.spamcheck.service.SiteFilters;

/** A site's filter settings, bans and API keys from publication, where admins edit them; the next check uses them. */
@ApplicationScoped
public class SiteConfiguredConsumer implements EventConsumer {

    /** spam-check's own copy of the fields it reads from publication's event. */
    record SiteConfigured(int linksBeforeHold, List<String> blockedWords, List<String> moderationWords,
            List<String> akismetKeys, List<Ban> bans) {
    }

    /** kind email, author or address; value the email or name (lower case) or the address range. */
    record Ban(String kind, String value, Instant expiresAt) {
    }

    private final SiteFilterRepository sites;
    private final ApiKeyRepository apiKeys;
    private final EventPayloads payloads;
    private final ApiKeys keys;
    private final SiteFilters filters;

    public SiteConfiguredConsumer(SiteFilterRepository sites, ApiKeyRepository apiKeys, EventPayloads payloads,
            ApiKeys keys, SiteFilters filters) {
        this.sites = sites;
        this.apiKeys = apiKeys;
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
        sites.configure(event.site(), new SiteFilterRepository.FromPublication(settings.linksBeforeHold(),
                listOf(settings.blockedWords()), listOf(settings.moderationWords()),
                listOf(settings.bans()).stream().map(ban -> new AuthorBan(ban.kind(), ban.value(), ban.expiresAt()))
                        .toList()));
        apiKeys.replace(event.site(), listOf(settings.akismetKeys()).stream().map(ApiKeys::hashOf).toList());
        keys.forgetAfterCommit();
        filters.forgetAfterCommit();
    }

    private static <T> List<T> listOf(List<T> given) {
        return given == null ? List.of() : given;
    }
}
