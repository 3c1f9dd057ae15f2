package org.talkback.spamcheck.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.keys.ApiKeyFormat;
import org.talkback.spamcheck.model.Judgement;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.service.ApiKeys;
import org.talkback.spamcheck.service.CheckService;
import org.talkback.spamcheck.service.CommentToCheck;

/**
 * Akismet's API, so that existing clients (WordPress's plugin, the libraries for every language) work by changing
 * the host they call. Form fields in, plain text out, as Akismet answers. Talkback has a third verdict Akismet
 * lacks: an unsure comment answers {@code true} (held, never shown unchecked) with {@code X-Talkback-Verdict:
 * unsure}, so a client that knows Talkback can send it to a moderation queue instead of the spam folder.
 */
@Path("/1.1")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_PLAIN)
public class AkismetResource {
    static final String THANKS = "Thanks for making the web a better place.";
    static final String DEBUG_HELP = "X-akismet-debug-help";

    private final ApiKeys keys;
    private final CheckService checks;

    public AkismetResource(ApiKeys keys, CheckService checks) {
        this.keys = keys;
        this.checks = checks;
    }

    @POST
    @Path("/verify-key")
    @Operation(summary = "Akismet: is this key valid?")
    public Response verifyKey(MultivaluedMap<String, String> form, @HeaderParam("Host") String host) {
        return siteOf(form, host).isPresent() ? Response.ok("valid").build() : invalidKey();
    }

    @POST
    @Path("/comment-check")
    @Operation(summary = "Akismet: is this comment spam? true, false or invalid")
    public Response commentCheck(MultivaluedMap<String, String> form, @HeaderParam("Host") String host) {
        Optional<String> site = siteOf(form, host);
        if (site.isEmpty()) {
            return invalidKey();
        }
        if (isBlank(form.getFirst("user_ip"))) {
            return missing("user_ip");
        }
        Optional<Response> tooLong = tooLong(form);
        if (tooLong.isPresent()) {
            return tooLong.get();
        }
        SpamCheck check = checks.check(commentOf(site.get(), form));
        boolean held = check.verdict != Judgement.HAM;
        Response.ResponseBuilder answer = Response.ok(held ? "true" : "false")
                .header("X-akismet-guid", check.id.toString())
                .header("X-Talkback-Verdict", check.verdict.wireName());
        if (check.discard) {
            answer.header("X-akismet-pro-tip", "discard");
        }
        return answer.build();
    }

    @POST
    @Path("/submit-spam")
    @Operation(summary = "Akismet: this comment was spam (learned from, unless is_test)")
    public Response submitSpam(MultivaluedMap<String, String> form, @HeaderParam("Host") String host) {
        return submit(form, host, true);
    }

    @POST
    @Path("/submit-ham")
    @Operation(summary = "Akismet: this comment was not spam (learned from, unless is_test)")
    public Response submitHam(MultivaluedMap<String, String> form, @HeaderParam("Host") String host) {
        return submit(form, host, false);
    }

    private Response submit(MultivaluedMap<String, String> form, String host, boolean spam) {
        Optional<String> site = siteOf(form, host);
        if (site.isEmpty()) {
            return invalidKey();
        }
        String content = form.getFirst("comment_content");
        if (isBlank(content)) {
            return missing("comment_content");
        }
        Optional<Response> tooLong = tooLong(form);
        if (tooLong.isPresent()) {
            return tooLong.get();
        }
        if (!isTest(form)) {
            checks.learn(site.get(), content, form.getFirst("comment_author_url"), form.getFirst("comment_author_email"),
                    form.getFirst("user_ip"), spam, spam ? "submit-spam" : "submit-ham");
        }
        return Response.ok(THANKS).build();
    }

    /**
     * The key in api_key or key, or, as older clients send it, as the leftmost label of the Host name: any host, so
     * {@code KEY.localhost:8082} and {@code KEY.spam-check:8082} work as {@code KEY.rest.akismet.com} does.
     */
    private Optional<String> siteOf(MultivaluedMap<String, String> form, String host) {
        String key = form.getFirst("api_key");
        if (isBlank(key)) {
            key = form.getFirst("key");
        }
        if (isBlank(key) && host != null) {
            String name = host.replaceFirst(":\\d+$", "");
            int dot = name.indexOf('.');
            if (dot > 0 && ApiKeyFormat.isWellFormed(name.substring(0, dot))) {
                key = name.substring(0, dot);
            }
        }
        return keys.siteOf(key);
    }

    static CommentToCheck commentOf(String siteId, MultivaluedMap<String, String> form) {
        String honeypotField = form.getFirst("honeypot_field_name");
        boolean honeypotFilled = !isBlank(honeypotField) && !isBlank(form.getFirst(honeypotField));
        return new CommentToCheck(siteId, null, 1, form.getFirst("comment_content"),
                form.getFirst("comment_author"), form.getFirst("comment_author_email"),
                form.getFirst("comment_author_url"), form.getFirst("user_ip"), honeypotFilled, null);
    }

    private static boolean isTest(MultivaluedMap<String, String> form) {
        String test = form.getFirst("is_test");
        return test != null && !test.isBlank() && !test.equals("0") && !test.equalsIgnoreCase("false");
    }

    private static Response invalidKey() {
        return Response.ok("invalid")
                .header(DEBUG_HELP, "The API key is missing or unknown: send it in api_key (or key), or as the first "
                        + "label of the host name; a site's keys are set in its settings in publication.")
                .build();
    }

    private static Response missing(String field) {
        return Response.status(Response.Status.BAD_REQUEST).entity("Missing required field: " + field + ".")
                .header(DEBUG_HELP, "Empty \"" + field + "\" value").build();
    }

    private static Optional<Response> tooLong(MultivaluedMap<String, String> form) {
        return AuthorFieldLimits.tooLong("comment_author_email", form.getFirst("comment_author_email"),
                "comment_author_url", form.getFirst("comment_author_url"), "user_ip", form.getFirst("user_ip"))
                .entrySet().stream().findFirst()
                .map(field -> Response.status(Response.Status.BAD_REQUEST)
                        .entity("Field too long: " + field.getKey() + ".")
                        .header(DEBUG_HELP, "\"" + field.getKey() + "\" may have at most " + field.getValue()
                                + " characters")
                        .build());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
