package org.talkback.intake.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.talkback.intake.service.SiteSettings;
import org.talkback.platform.cors.CorsAnswers;
import org.talkback.platform.problem.ProblemMappers;

/**
 * CORS for the widget, per site: a page may call the write API only from an origin one of the sites lists.
 * Which site a POST is for is in its body, so the preflight only asks whether the origin belongs to some site;
 * the comment service then checks it against the site posted to.
 */
public class CorsFilters {
    static final String ALLOWED_HEADERS = "Content-Type, X-Edit-Token, X-Reader-Id, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Location, Retry-After";

    private final SiteSettings sites;

    public CorsFilters(SiteSettings sites) {
        this.sites = sites;
    }

    @ServerRequestFilter(preMatching = true)
    public Response preflight(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!CorsAnswers.isPreflight(request.getMethod(), origin, request.getHeaderString("Access-Control-Request-Method"))) {
            return null;
        }
        if (!sites.knownOrigin(origin)) {
            return ProblemMappers.response(403, "Forbidden", "Pages from this origin may not use this comment service.");
        }
        return CorsAnswers.preflight(origin, "GET, POST, PATCH, DELETE", ALLOWED_HEADERS);
    }

    @ServerResponseFilter
    public void allowKnownOrigins(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && sites.knownOrigin(origin)) {
            CorsAnswers.allow(response.getHeaders(), origin, EXPOSED_HEADERS);
            response.getHeaders().add("Vary", "Origin");
        }
    }
}
