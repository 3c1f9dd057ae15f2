package org.talkback.spamcheck.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.spamcheck.model.SiteFilter;

/** The sites' filter settings: what publication sends (SiteConfigured) and what spam-check's admins set. */
@ApplicationScoped
public class SiteFilterRepository implements PanacheRepositoryBase<SiteFilter, String> {

    /** The part of a site's settings that publication owns. */
    public record FromPublication(int linksBeforeHold, List<String> blockedWords, List<String> moderationWords,
            List<AuthorBan> bans) {
    }

    private final ObjectMapper json;

    public SiteFilterRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Creates the site or replaces what publication owns of it, in the caller's transaction; the rest is kept. */
    public void configure(String siteId, FromPublication settings) {
        getEntityManager().createNativeQuery("""
                insert into site (id, links_before_hold, blocked_words, moderation_words, bans)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb))
                on conflict (id) do update set links_before_hold = excluded.links_before_hold,
                    blocked_words = excluded.blocked_words, moderation_words = excluded.moderation_words,
                    bans = excluded.bans
                """)
                .setParameter(1, siteId)
                .setParameter(2, settings.linksBeforeHold())
                .setParameter(3, settings.blockedWords().toArray(String[]::new))
                .setParameter(4, settings.moderationWords().toArray(String[]::new))
                .setParameter(5, toJson(settings.bans()))
                .executeUpdate();
    }

    /** A detached copy of the site's settings, to be shared by checks and never changed. */
    public Optional<SiteFilter> detached(String siteId) {
        SiteFilter filter = findById(siteId);
        if (filter != null) {
            getEntityManager().detach(filter);
        }
        return Optional.ofNullable(filter);
    }

    private String toJson(List<AuthorBan> bans) {
        try {
            return json.writeValueAsString(bans);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bans are records of strings and instants", e);
        }
    }
}
