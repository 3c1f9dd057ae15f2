package org.talkback.publication.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic against the accounts table. bcrypt is deliberately slow (tens of milliseconds), too slow to pay on
 * every request of a moderator's console, so a verified name and password are remembered for five minutes, keyed
 * by an HMAC of the password under a key that exists only in this process's memory.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Accounts accounts;
    private final Cache<String, Set<String>> verified = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();
    private final byte[] cacheKey = new byte[32];

    public PasswordIdentityProvider(Accounts accounts) {
        this.accounts = accounts;
        new SecureRandom().nextBytes(cacheKey);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        String remembered = username + "\n" + hmac(new String(password));
        Set<String> roles = verified.getIfPresent(remembered);
        if (roles != null) {
            return Uni.createFrom().item(identity(username, roles));
        }
        return context.runBlocking(() -> {
            Set<String> found = accounts.verify(username, password).orElseThrow(AuthenticationFailedException::new);
            verified.put(remembered, found);
            return identity(username, found);
        });
    }

    /** An account was changed or deleted: every remembered password must be checked again. */
    public void forgetVerified() {
        verified.invalidateAll();
    }

    static SecurityIdentity identity(String username, Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRoles(roles).build();
    }

    private String hmac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
