package org.talkback.publication.model;

import java.util.List;

/**
 * A site's settings as admins send and read them (PUT replaces them all; an omitted field gets its default), and
 * as SiteConfigured carries them to intake and spam-check, with the site's active bans.
 */
public record SiteSettings(
        String site,
        List<String> allowedOrigins,
        String moderationMode,
        Boolean requireEmail,
        Integer editWindowSeconds,
        Integer maxReplyDepth,
        Integer linksBeforeHold,
        Integer flagsBeforeReview,
        List<String> blockedWords,
        List<String> moderationWords,
        List<String> akismetKeys,
        String bannedAuthors,
        String webhookUrl,
        String webhookSecret) {

    /** As answered to admins: the webhook secret is write-only. */
    public SiteSettings withoutSecrets() {
        return new SiteSettings(site, allowedOrigins, moderationMode, requireEmail, editWindowSeconds, maxReplyDepth,
                linksBeforeHold, flagsBeforeReview, blockedWords, moderationWords, akismetKeys, bannedAuthors, webhookUrl,
                webhookSecret == null ? null : "(set)");
    }
}
