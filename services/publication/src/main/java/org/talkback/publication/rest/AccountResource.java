package org.talkback.publication.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.regex.Pattern;
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

    public record NewAccount(String username, String password, List<String> roles, String email,
            String mailPreference) {
    }

    /** Where and how often an account hears of the queue: none, immediate, hourly or daily. */
    public record MailSettings(String email, String mailPreference) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

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
        MailSettings mail = account == null ? null : new MailSettings(account.email(), account.mailPreference());
        if (mail != null && (mail.email() != null || mail.mailPreference() != null)) {
            errors.addAll(mailErrors(mail));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!accounts.create(account.username(), account.password(), Set.copyOf(roles), caller.getPrincipal().getName())) {
            throw ProblemException.conflict("An account named " + account.username() + " exists.");
        }
        if (mail.email() != null || mail.mailPreference() != null) {
            accounts.setMail(account.username(), blankToNull(mail.email()), preference(mail));
        }
        return Response.created(URI.create("/api/v1/admin/accounts/" + account.username())).build();
    }

    @PUT
    @Path("/admin/accounts/{username}/mail")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an account's address and how often it hears of the queue (none, immediate, hourly, daily)")
    public MailSettings setMail(@PathParam("username") String username, MailSettings mail) {
        return saveMail(username, mail);
    }

    @PUT
    @Path("/account/mail")
    @RolesAllowed("moderator")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set one's own address and how often one hears of the queue")
    public MailSettings setOwnMail(MailSettings mail) {
        return saveMail(caller.getPrincipal().getName(), mail);
    }

    private MailSettings saveMail(String username, MailSettings mail) {
        List<FieldError> errors = mailErrors(mail);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        MailSettings saved = new MailSettings(blankToNull(mail.email()), preference(mail));
        if (!accounts.setMail(username, saved.email(), saved.mailPreference())) {
            throw ProblemException.notFound("No account named " + username + ".");
        }
        return saved;
    }

    private static List<FieldError> mailErrors(MailSettings mail) {
        List<FieldError> errors = new ArrayList<>();
        if (mail == null) {
            return List.of(new FieldError("email", "is required (or null with mailPreference none)"));
        }
        String email = blankToNull(mail.email());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "is not an email address"));
        }
        String preference = preference(mail);
        if (!Account.MAIL_PREFERENCES.contains(preference)) {
            errors.add(new FieldError("mailPreference", "one of none, immediate, hourly, daily"));
        } else if (email == null && !"none".equals(preference)) {
            errors.add(new FieldError("email", "is required to receive mail"));
        }
        return errors;
    }

    /** An address without a preference means mail at once; no address, no mail. */
    private static String preference(MailSettings mail) {
        if (mail.mailPreference() != null) {
            return mail.mailPreference();
        }
        return blankToNull(mail.email()) == null ? "none" : "immediate";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
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
