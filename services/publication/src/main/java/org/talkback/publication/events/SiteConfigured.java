package org.talkback.publication.events;

import java.util.List;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;
import org.talkback.publication.model.Ban;

/** A site's settings and its active bans, which intake needs when the site refuses banned authors. */
public record SiteConfigured(String site, List<String> allowedOrigins, String moderationMode, boolean requireEmail,
        int editWindowSeconds, int maxReplyDepth, int linksBeforeHold, int flagsBeforeReview,
        List<String> blockedWords, List<String> moderationWords, List<String> akismetKeys, String bannedAuthors,
        List<Ban> bans) implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.SITE_CONFIGURED;
    }

    @Override
    public String aggregateId() {
        return site;
    }
}
