package org.talkback.intake.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.talkback.intake.repository.SiteRepository;
import org.talkback.intake.service.SiteSettings;
import org.talkback.platform.bans.AuthorBan;
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

    private final SiteRepository repository;
    private final EventPayloads payloads;
    private final SiteSettings sites;

    public SiteConfiguredConsumer(SiteRepository repository, EventPayloads payloads, SiteSettings sites) {
        this.repository = repository;
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
        repository.configure(event.site(), new SiteRepository.FormRules(settings.requireEmail(),
                        settings.editWindowSeconds(), settings.maxReplyDepth(),
                        settings.allowedOrigins() == null ? List.of() : settings.allowedOrigins(),
                        "refuse".equals(settings.bannedAuthors()) ? "refuse" : "hold"),
                (settings.bans() == null ? List.<Ban>of() : settings.bans()).stream()
                        .map(ban -> new AuthorBan(ban.kind(), ban.value(), ban.expiresAt())).toList());
        sites.forgetAfterCommit(event.site());
    }
}
