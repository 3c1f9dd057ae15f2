package org.talkback.publication.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.talkback.platform.cors.CorsAnswers;
import org.talkback.platform.problem.ProblemMappers;
import org.talkback.publication.service.sites.SiteDirectory;

/**
 * CORS for widgets reading threads from article pages on another origin: allowed when the page's origin is one
 * the site (named in the query) lists. Only the read paths; the moderation API is for the console, which
 * publication serves from its own origin.
 */
@ApplicationScoped
public class ReadCors {
    private static final String READ_PATHS = "/api/v1/threads/";
    private static final String ALLOWED_HEADERS = "If-None-Match, Last-Event-ID, Cache-Control";
    private static final String EXPOSED_HEADERS = "ETag";

    private final SiteDirectory sites;

    public ReadCors(SiteDirectory sites) {
        this.sites = sites;
    }

    @ServerRequestFilter(preMatching = true)
    public Response preflight(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!CorsAnswers.isPreflight(request.getMethod(), origin, request.getHeaderString("Access-Control-Request-Method"))
                || !request.getUriInfo().getPath().startsWith(READ_PATHS)) {
            return null;
        }
        if (!allowed(request, origin)) {
            return ProblemMappers.response(403, "Forbidden", "Pages from this origin may not read this site's comments.");
        }
        return CorsAnswers.preflight(origin, "GET", ALLOWED_HEADERS);
    }

    /**
     * The CORS headers of every read answer, the live stream's included: a JAX-RS response filter does not reach
     * a streamed answer's headers, so they are added by Vert.x just before any answer's headers go out.
     */
    void install(@Observes Router router) {
        router.route(READ_PATHS + "*").order(Integer.MIN_VALUE + 1).handler(context -> {
            HttpServerRequest request = context.request();
            context.addHeadersEndHandler(done -> {
                // Caches must keep one copy per origin, since the answer's CORS headers depend on it.
                context.response().headers().add("Vary", "Origin");
                String origin = request.getHeader("Origin");
                if (origin != null && sites.origins().allows(request.getParam("site"), origin)) {
                    context.response().putHeader("Access-Control-Allow-Origin", origin)
                            .putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
                }
            });
            context.next();
        });
    }

    private boolean allowed(ContainerRequestContext request, String origin) {
        return sites.origins().allows(request.getUriInfo().getQueryParameters().getFirst("site"), origin);
    }
}
