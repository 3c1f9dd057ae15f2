package org.talkback.publication.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.publication.model.Account;

/**
 * "Authorization: Bearer TOKEN" with a token from POST /api/v1/auth/tokens, for scripts and tools that should not
 * hold a password, or (when configured) an access token from the newsroom's identity provider (NewsroomSignOn). Basic stays the first mechanism, so a 401 still invites a browser to ask for a password.
 */
@ApplicationScoped
public class BearerTokens implements HttpAuthenticationMechanism {

    private final Accounts accounts;

    public BearerTokens(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(
                new TokenCredential(header.substring(7).trim(), "bearer"));
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    @Override
    public int getPriority() {
        return 500; // after Basic (1000 is the default), whose challenge a 401 carries
    }

    /** Looks the token up in the accounts table. */
    @ApplicationScoped
    public static class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
        private final Accounts accounts;
        private final NewsroomSignOn newsroom;

        public TokenIdentityProvider(Accounts accounts, NewsroomSignOn newsroom) {
            this.accounts = accounts;
            this.newsroom = newsroom;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            String token = request.getToken().getToken();
            // Talkback's own tokens are opaque; a JWT (three dot-separated parts) comes from the newsroom's provider.
            boolean jwt = token.chars().filter(c -> c == '.').count() == 2;
            return context.runBlocking(() -> {
                Account account = jwt && newsroom.enabled() ? newsroom.verify(token)
                        : accounts.byToken(token).orElseThrow(AuthenticationFailedException::new);
                return PasswordIdentityProvider.identity(account.username(), account.roles());
            });
        }
    }
}
