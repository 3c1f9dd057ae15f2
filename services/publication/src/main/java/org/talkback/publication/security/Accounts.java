package org.talkback.publication.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.talkback.publication.model.Account;
import org.talkback.publication.repository.AccountRepository;

/**
 * Moderator and admin accounts. bcrypt (cost 10) makes a stolen table slow to crack; bearer tokens are random
 * 256-bit strings of which only the SHA-256 is kept.
 */
@ApplicationScoped
public class Accounts {
    public static final Set<String> ROLES = Set.of("moderator", "admin");
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final AccountRepository repository;

    public Accounts(AccountRepository repository) {
        this.repository = repository;
    }

    /** The account's roles if the password is right; empty for a wrong password or an unknown name. */
    public Optional<Set<String>> verify(String username, char[] password) {
        return repository.credentials(username)
                .filter(stored -> BcryptUtil.matches(new String(password), stored.passwordHash()))
                .map(AccountRepository.Credentials::roles);
    }

    /** The account a bearer token belongs to, while the token has not expired. */
    public Optional<Account> byToken(String token) {
        return repository.byTokenHash(sha256(token));
    }

    public List<Account> all() {
        return repository.all();
    }

    /** False when the name is taken. */
    public boolean create(String username, String password, Set<String> roles, String createdBy) {
        return repository.create(username, BcryptUtil.bcryptHash(password, BCRYPT_COST), roles, createdBy);
    }

    /** Where and how often the account hears of the queue; false when there is no such account. */
    public boolean setMail(String username, String email, String preference) {
        return repository.setMail(username, email, preference);
    }

    public void setMailIfUnset(String username, String email) {
        repository.setMailIfUnset(username, email);
    }

    /** Moderators who asked for mail about the queue. */
    public List<Account> mailedModerators() {
        return repository.mailedModerators();
    }

    /** Whether the account still exists and may moderate (a link in an old mail acts only while it does). */
    public boolean isModerator(String username) {
        return repository.credentials(username).map(stored -> stored.roles().contains("moderator")).orElse(false);
    }

    public boolean delete(String username) {
        return repository.delete(username);
    }

    public boolean isEmpty() {
        return repository.isEmpty();
    }

    public IssuedToken issueToken(String username, Duration lifetime) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(lifetime);
        repository.addToken(sha256(token), username, expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
