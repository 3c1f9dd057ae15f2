package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.talkback.spamcheck.config.SpamCheckConfig;
import org.talkback.spamcheck.repository.ApiKeyRepository;

/**
 * Which site an API key belongs to. Keys come from the sites' settings (SiteConfigured) and are stored hashed;
 * a development key from configuration belongs to the default site, so that an Akismet client works against a
 * local stack in its first minute. Known keys are remembered for a minute (a check should not cost a key lookup),
 * unknown ones for two seconds; other instances learn of a removed key within the minute.
 */
@ApplicationScoped
public class ApiKeys {
    private static final long REMEMBER_NANOS = 60_000_000_000L;
    /** An unknown key is asked about again sooner: it may be one an admin has just added. */
    private static final long REMEMBER_UNKNOWN_NANOS = 2_000_000_000L;

    private final ApiKeyRepository repository;
    private final Optional<String> developmentKey;
    private final TransactionSynchronizationRegistry transactions;
    private final ShortTermMemory<String, Optional<String>> remembered = new ShortTermMemory<>(
            site -> site.isPresent() ? REMEMBER_NANOS : REMEMBER_UNKNOWN_NANOS);

    public ApiKeys(ApiKeyRepository repository, TransactionSynchronizationRegistry transactions, SpamCheckConfig config) {
        this.repository = repository;
        this.transactions = transactions;
        this.developmentKey = config.developmentKey().filter(key -> !key.isBlank());
    }

    /** The site the key belongs to, or empty for a missing or unknown key. */
    public Optional<String> siteOf(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        if (developmentKey.isPresent() && MessageDigest.isEqual(developmentKey.get().getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("default");
        }
        byte[] hash = hashOf(key);
        return remembered.get(HexFormat.of().formatHex(hash), hex -> repository.siteOf(hash));
    }

    /** Keys changed in the caller's transaction: once it has committed, look them up again. */
    public void forgetAfterCommit() {
        remembered.forgetAfterCommit(transactions);
    }

    public static byte[] hashOf(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
