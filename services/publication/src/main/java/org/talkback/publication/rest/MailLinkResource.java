package org.talkback.publication.rest;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.service.mail.MailLinkActions;
import org.talkback.publication.service.mail.MailLinkActions.Page;

/**
 * The pages behind the links in mails. No sign-in: the signed, single-use link is the credential. A GET only
 * shows what the link would do (mail scanners open links); the page's button POSTs. An unsubscribe link also takes
 * RFC 8058's one-click POST ({@code List-Unsubscribe=One-Click}) straight from the mail client.
 *
 * <p>Browsers get HTML pages, also for a refused link (with its status); other clients get problem+json.
 */
@Path("/mail/{site}")
public class MailLinkResource {
    /** The pages show a reader's words: no scripts at all, nothing from elsewhere, never framed or cached. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final MailLinkActions actions;
    private final Template page;

    public MailLinkResource(MailLinkActions actions, Engine templates) {
        this.actions = actions;
        this.page = templates.getTemplate("pages/mail-link.html");
    }

    @GET
    @Path("/{purpose}/{token}")
    @Operation(summary = "A link from a mail (decide, confirm, unsubscribe): shows what it would do, and a button")
    public Response show(@PathParam("site") String site, @PathParam("purpose") String purpose,
            @PathParam("token") String token, @Context HttpHeaders headers) {
        return respond(headers, () -> actions.show(site, purpose, token));
    }

    @POST
    @Path("/{purpose}/{token}")
    @Operation(summary = "The page's button: decides (once), confirms the address (once) or unsubscribes;"
            + " an unsubscribe link also takes RFC 8058's one-click POST from the mail client")
    public Response use(@PathParam("site") String site, @PathParam("purpose") String purpose,
            @PathParam("token") String token, @Context HttpHeaders headers) {
        return respond(headers, () -> actions.use(site, purpose, token));
    }

    private Response respond(HttpHeaders headers, Supplier<Page> action) {
        Page shown;
        try {
            shown = action.get();
        } catch (ProblemException e) {
            if (!wantsHtml(headers)) {
                throw e;
            }
            shown = new Page(e.status(), e.toProblem().title(), e.toProblem().detail(), null, null, null);
        }
        String html = page.data("title", shown.title()).data("message", shown.message()).data("meta", shown.meta())
                .data("excerpt", shown.excerpt()).data("button", shown.button()).render();
        return Response.status(shown.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Content-Security-Policy", POLICY)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Robots-Tag", "noindex")
                .build();
    }

    private static boolean wantsHtml(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType());
    }
}
