package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.intake.model.Site;
import org.talkback.platform.bans.AuthorBan;

/** The sites intake takes comments for, as publication last configured them (SiteConfigured). */
@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {

    /** What intake keeps of a site's settings. */
    public record FormRules(boolean requireEmail, int editWindowSeconds, int maxReplyDepth, List<String> allowedOrigins,
            String bannedAuthors) {
    }

    /** A copy of the site's row that is not tracked (shared by requests, never changed), or null. */
    public Site detached(String siteId) {
        Site site = findById(siteId);
        if (site != null) {
            getEntityManager().detach(site);
        }
        return site;
    }

    public List<Site> allDetached() {
        List<Site> sites = listAll();
        sites.forEach(getEntityManager()::detach);
        return sites;
    }

    /** Creates or replaces a site's form rules and its bans, in the caller's transaction. */
    public void configure(String siteId, FormRules rules, List<AuthorBan> bans) {
        getEntityManager().createNativeQuery("""
                insert into site (id, require_email, edit_window_seconds, max_reply_depth, allowed_origins, banned_authors)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (id) do update set require_email = excluded.require_email,
                    edit_window_seconds = excluded.edit_window_seconds, max_reply_depth = excluded.max_reply_depth,
                    allowed_origins = excluded.allowed_origins, banned_authors = excluded.banned_authors
                """)
                .setParameter(1, siteId)
                .setParameter(2, rules.requireEmail())
                .setParameter(3, rules.editWindowSeconds())
                .setParameter(4, rules.maxReplyDepth())
                .setParameter(5, rules.allowedOrigins().toArray(String[]::new))
                .setParameter(6, rules.bannedAuthors())
                .executeUpdate();
        getEntityManager().createNativeQuery("delete from site_ban where site_id = ?1").setParameter(1, siteId)
                .executeUpdate();
        for (AuthorBan ban : bans) {
            getEntityManager().createNativeQuery(
                    "insert into site_ban (site_id, kind, value, expires_at) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, siteId)
                    .setParameter(2, ban.kind())
                    .setParameter(3, ban.value())
                    .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.INSTANT, ban.expiresAt()))
                    .executeUpdate();
        }
    }

    /** Every site's page origins (for CORS), by site. */
    public Map<String, List<String>> allowedOrigins() {
        Map<String, List<String>> origins = new HashMap<>();
        List<?> rows = getEntityManager().createNativeQuery("select id, unnest(allowed_origins) from site").getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            origins.computeIfAbsent((String) columns[0], site -> new ArrayList<>()).add((String) columns[1]);
        }
        return origins;
    }

    /**
     * Every site's bans as publication sent them, expired ones included (they are matched against the time of each
     * comment). Address bans written before bans carried their range as text keep it in the cidr column.
     */
    public Map<String, List<AuthorBan>> bans() {
        Map<String, List<AuthorBan>> bans = new HashMap<>();
        List<?> rows = getEntityManager().createNativeQuery("""
                select site_id, kind, coalesce(value, host(address) || '/' || masklen(address)), expires_at
                  from site_ban order by site_id""").getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            bans.computeIfAbsent((String) columns[0], site -> new ArrayList<>()).add(new AuthorBan((String) columns[1],
                    (String) columns[2], columns[3] == null ? null : columns[3] instanceof Instant at ? at
                            : ((java.sql.Timestamp) columns[3]).toInstant()));
        }
        return bans;
    }
}
