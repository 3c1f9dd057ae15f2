package org.talkback.publication.security;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.model.Account;

/**
 * Optional: bearer tokens (JWT access tokens) from the newsroom's own OpenID Connect identity provider, so staff
 * sign in with their usual accounts. On when {@code talkback.oidc.jwks-url} and {@code talkback.oidc.issuer} are
 * set; the signature is checked against the provider's published keys (JWKS), and the issuer, expiry and, if
 * configured, the audience. Two of the token's roles (claim {@code talkback.oidc.roles-claim}, a path such as
 * {@code realm_access/roles} for Keycloak) map to Talkback's moderator and admin.
 */
@ApplicationScoped
public class NewsroomSignOn {

    private final Optional<JWTParser> parser;
    private final String moderatorRole;
    private final String adminRole;

    public NewsroomSignOn(PublicationConfig config) {
        PublicationConfig.Oidc oidc = config.oidc();
        Optional<String> jwksUrl = oidc.jwksUrl().filter(url -> !url.isBlank());
        Optional<String> issuer = oidc.issuer().filter(url -> !url.isBlank());
        Optional<List<String>> audience = oidc.audience();
        String rolesClaim = oidc.rolesClaim();
        this.moderatorRole = oidc.moderatorRole();
        this.adminRole = oidc.adminRole();
        if (jwksUrl.isEmpty() || issuer.isEmpty()) {
            this.parser = Optional.empty();
            return;
        }
        JWTAuthContextInfo context = new JWTAuthContextInfo(jwksUrl.get(), issuer.get());
        context.setGroupsPath(rolesClaim);
        audience.ifPresent(expected -> context.setExpectedAudience(Set.copyOf(expected)));
        this.parser = Optional.of(new DefaultJWTParser(context));
    }

    public boolean enabled() {
        return parser.isPresent();
    }

    /** The staff member's name and Talkback roles, or AuthenticationFailedException for any invalid token. */
    public Account verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.orElseThrow(AuthenticationFailedException::new).parse(token);
        } catch (ParseException e) {
            throw new AuthenticationFailedException(e);
        }
        Set<String> roles = new HashSet<>();
        if (jwt.getGroups().contains(moderatorRole)) {
            roles.add("moderator");
        }
        if (jwt.getGroups().contains(adminRole)) {
            roles.addAll(Set.of("admin", "moderator"));
        }
        String name = jwt.getClaim("preferred_username") != null ? jwt.getClaim("preferred_username").toString() : jwt.getSubject();
        return new Account("oidc:" + name, Set.copyOf(roles), jwt.getIssuer(), null, null, "none");
    }
}
