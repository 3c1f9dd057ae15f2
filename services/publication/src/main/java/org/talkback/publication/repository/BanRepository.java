package org.talkback.publication.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.talkback.platform.net.IpAddresses;
import org.talkback.publication.model.Ban;

/** Bans per site; "active" means neither lifted nor expired, decided by the database's clock. */
@ApplicationScoped
public class BanRepository {
    private static final String ACTIVE = "lifted_at is null and (expires_at is null or expires_at > now())";
    private static final String COLUMNS = "id, site_id, kind, coalesce(value, host(address) || '/' || masklen(address)), reason, created_by, created_at, expires_at";

    private final EntityManager entityManager;

    public BanRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Ban create(String siteId, String kind, String value, String reason, String moderator, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        boolean address = "address".equals(kind);
        entityManager.createNativeQuery("""
                insert into ban (id, site_id, kind, value, address, reason, created_by, expires_at)
                values (?1, ?2, ?3, ?4, cast(network(cast(?5 as inet)) as cidr), ?6, ?7, ?8)
                """)
                .setParameter(1, id)
                .setParameter(2, siteId)
                .setParameter(3, kind)
                .setParameter(4, text(address ? null : value.toLowerCase(Locale.ROOT)))
                .setParameter(5, text(address ? value : null))
                .setParameter(6, text(reason))
                .setParameter(7, moderator)
                .setParameter(8, new TypedParameterValue<>(StandardBasicTypes.INSTANT, expiresAt))
                .executeUpdate();
        return find(id).orElseThrow();
    }

    public Optional<Ban> find(UUID id) {
        return rows("select " + COLUMNS + " from ban where id = ?1", id).stream().findFirst();
    }

    public List<Ban> active(String siteId) {
        return rows("select " + COLUMNS + " from ban where site_id = ?1 and " + ACTIVE + " order by created_at", siteId);
    }

    /** Bans of these kinds with these values (empty values are skipped), lifted or not: one person's. */
    public List<Ban> naming(String siteId, java.util.Map<String, String> valueByKind) {
        List<Ban> found = new java.util.ArrayList<>();
        valueByKind.forEach((kind, value) -> {
            if (value != null && !value.isBlank()) {
                found.addAll(rows("select " + COLUMNS + " from ban where site_id = ?1 and kind = ?2 and lower(value) = lower(?3)",
                        siteId, kind, value));
            }
        });
        return found;
    }

    /** Erasure: a ban keeps protecting the site only as long as it names someone; its value is wiped and it is lifted. */
    public void erase(UUID id, String placeholder) {
        entityManager.createNativeQuery("""
                update ban set value = ?2, reason = '', lifted_at = coalesce(lifted_at, now()) where id = ?1""")
                .setParameter(1, id).setParameter(2, placeholder).executeUpdate();
    }

    /** Lifts a ban; false if there is no such active ban. */
    public boolean lift(UUID id) {
        return entityManager.createNativeQuery("update ban set lifted_at = now() where id = ?1 and lifted_at is null")
                .setParameter(1, id).executeUpdate() > 0;
    }

    private List<Ban> rows(String sql, Object... parameters) {
        // Reads only the ban table, which no entity maps: without naming it, Hibernate would flush every pending
        // entity change first (a delivery's comments were written twice: once here, mid-decision, and at the end).
        var query = entityManager.createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace("ban");
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Ban((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], SqlValues.instant(row[6]), SqlValues.instant(row[7]))).toList();
    }

    /** The address in canonical spelling, or null for anything that is not an IP literal. */
    public static String validAddress(String address) {
        return IpAddresses.literal(address).orElse(null);
    }

    private static TypedParameterValue<String> text(String value) {
        return new TypedParameterValue<>(StandardBasicTypes.STRING, value);
    }

}
