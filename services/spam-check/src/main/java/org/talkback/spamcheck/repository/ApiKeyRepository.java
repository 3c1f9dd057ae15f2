package org.talkback.spamcheck.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The sites' API keys (table site_api_key), stored as SHA-256 hashes only. */
@ApplicationScoped
public class ApiKeyRepository {

    private final EntityManager entityManager;

    public ApiKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<String> siteOf(byte[] keyHash) {
        List<?> sites = entityManager.createNativeQuery("select site_id from site_api_key where key_hash = ?1")
                .setParameter(1, keyHash).getResultList();
        return sites.stream().map(String.class::cast).findFirst();
    }

    /** Replaces a site's keys as a whole, in the caller's transaction: a key the admin removed stops working. */
    public void replace(String siteId, List<byte[]> keyHashes) {
        entityManager.createNativeQuery("delete from site_api_key where site_id = ?1").setParameter(1, siteId)
                .executeUpdate();
        for (byte[] hash : keyHashes) {
            entityManager.createNativeQuery(
                    "insert into site_api_key (key_hash, site_id) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, hash)
                    .setParameter(2, siteId)
                    .executeUpdate();
        }
    }
}
