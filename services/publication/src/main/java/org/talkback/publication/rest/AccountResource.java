package org.talkback.publication.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.Account;
import org.talkback.publication.security.Accounts;
import org.talkback.publication.security.PasswordIdentityProvider;

/** Accounts (admins manage them) and API tokens (any moderator makes one for their own tools). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    public record NewAccount(String username, String password, List<String> roles) {
    }

    private final Accounts accounts;
    private final PasswordIdentityProvider passwords;
    private final SecurityIdentity caller;

    public AccountResource(Accounts accounts, PasswordIdentityProvider passwords, SecurityIdentity caller) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.caller = caller;
    }

    @GET
    @Path("/admin/accounts")
    @RolesAllowed("admin")
    @Operation(summary = "Moderator and admin accounts (never their passwords)")
    public List<Account> all() {
        return accounts.all();
    }

    @POST
    @Path("/admin/accounts")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account; roles are moderator and/or admin (none: an account that can do nothing)")
    public Response create(NewAccount account) {
        List<FieldError> errors = new ArrayList<>();
        if (account == null || account.username() == null || !account.username().matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            errors.add(new FieldError("username", "2 to 64 lowercase letters, digits, dots, dashes, underscores"));
        }
        if (account == null || account.password() == null || account.password().length() < 12
                || account.password().length() > 72) {
            // bcrypt reads at most 72 bytes; a longer password would be silently cut.
            errors.add(new FieldError("password", "12 to 72 characters"));
        }
        List<String> roles = account == null || account.roles() == null ? List.of() : account.roles();
        if (!Accounts.ROLES.containsAll(roles)) {
            errors.add(new FieldError("roles", "each one of " + Accounts.ROLES));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!accounts.create(account.username(), account.password(), Set.copyOf(roles), caller.getPrincipal().getName())) {
            throw ProblemException.conflict("An account named " + account.username() + " exists.");
        }
        return Response.created(URI.create("/api/v1/admin/accounts/" + account.username())).build();
    }

    @DELETE
    @Path("/admin/accounts/{username}")
    @RolesAllowed("admin")
    @Operation(summary = "Delete an account and its API tokens")
    public Response delete(@PathParam("username") String username) {
        if (username.equals(caller.getPrincipal().getName())) {
            throw ProblemException.conflict("Admins cannot delete their own account.");
        }
        if (!accounts.delete(username)) {
            throw ProblemException.notFound("No account named " + username + ".");
        }
        passwords.forgetVerified();
        return Response.noContent().build();
    }

    @POST
    @Path("/auth/tokens")
    @RolesAllowed("moderator")
    @Operation(summary = "A bearer token for the caller's own account, valid 12 hours (shown once)")
    public Accounts.IssuedToken token() {
        return accounts.issueToken(caller.getPrincipal().getName(), TOKEN_LIFETIME);
    }
}
