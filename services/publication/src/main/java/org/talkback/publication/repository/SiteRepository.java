package org.talkback.publication.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.Site;
import org.talkback.publication.model.SiteSettings;

/** The sites publication serves: the entity its policy reads, and the settings admins edit as a whole. */
@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, String> {

    private final AgroalDataSource dataSource;

    public SiteRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The site, or the 404 every endpoint answers for a site this server does not know. */
    public Site require(String siteId) {
        Site site = siteId == null ? null : findById(siteId);
        if (site == null) {
            throw ProblemException.notFound("No site named " + siteId + ".");
        }
        return site;
    }

    /** A site's settings as stored, secrets included. */
    public Optional<SiteSettings> settings(String siteId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select id, allowed_origins, moderation_mode, require_email, edit_window_seconds, max_reply_depth,
                       links_before_hold, flags_before_review, blocked_words, moderation_words, akismet_keys, banned_authors,
                       webhook_url, webhook_secret
                  from site where id = ?1
                """).setParameter(1, siteId).getResultList();
        return rows.stream().findFirst().map(row -> new SiteSettings((String) row[0], list(row[1]), (String) row[2],
                (Boolean) row[3], ((Number) row[4]).intValue(), ((Number) row[5]).intValue(),
                ((Number) row[6]).intValue(), ((Number) row[7]).intValue(), list(row[8]), list(row[9]), list(row[10]),
                (String) row[11], (String) row[12], (String) row[13]));
    }

    /** Creates or replaces a site's settings, in the caller's transaction. */
    public void save(SiteSettings settings) {
        getEntityManager().createNativeQuery("""
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
                .setParameter(1, settings.site())
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
        getEntityManager().clear(); // the Site entity other code reads must not be a stale copy from this transaction
    }

    /** Where the site's webhook goes, if it has one. */
    public Optional<String> webhookUrl(String siteId) {
        @SuppressWarnings("unchecked")
        List<String> urls = getEntityManager().createNativeQuery(
                "select webhook_url from site where id = ?1 and webhook_url is not null")
                .setParameter(1, siteId).getResultList();
        return urls.stream().findFirst();
    }

    /** Every site's id and the page origins it lists, outside any transaction (the read side's CORS cache). */
    public Map<String, List<String>> allowedOrigins() {
        Map<String, List<String>> origins = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select id, allowed_origins from site");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Array siteOrigins = rows.getArray(2);
                origins.put(rows.getString(1), List.of((String[]) siteOrigins.getArray()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sites failed", e);
        }
        return origins;
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
