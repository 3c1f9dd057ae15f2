package org.talkback.publication.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.service.Cursor;
import org.talkback.publication.service.ThreadReader;

@Path("/api/v1/threads")
@Produces(MediaType.APPLICATION_JSON)
public class ThreadResource {
    private static final int MAX_PAGE = 100;
    private static final int MAX_URLS = 100;

    private final ThreadReader reader;

    public ThreadResource(ThreadReader reader) {
        this.reader = reader;
    }

    @GET
    @Path("/comments")
    @Operation(summary = "Published comments of an article's thread, oldest first")
    public ThreadView comments(@QueryParam("site") String site, @QueryParam("url") String url,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor) {
        return reader.page(requireSite(site), requireUrl(url, "url"), pageSize(limit), Cursor.decode(cursor));
    }

    @GET
    @Path("/counts")
    @Operation(summary = "Published comment counts for many articles at once (for article lists)")
    public Map<String, Integer> counts(@QueryParam("site") String site, @QueryParam("url") List<String> urls) {
        String siteId = requireSite(site);
        if (urls == null || urls.isEmpty() || urls.size() > MAX_URLS) {
            throw ProblemException.invalid(List.of(new FieldError("url", "give between 1 and " + MAX_URLS + " urls")));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> found = reader.counts(siteId, urls);
        for (String given : urls) {
            counts.put(given, found.getOrDefault(given, 0));
        }
        return counts;
    }

    private String requireSite(String site) {
        if (site == null || site.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("site", "is required")));
        }
        if (!reader.siteExists(site)) {
            throw ProblemException.notFound("No site named " + site + ".");
        }
        return site;
    }

    private static String requireUrl(String url, String field) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError(field, "is required")));
        }
        return url;
    }

    private static int pageSize(String limit) {
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(List.of(new FieldError("limit", "must be a number from 1 to " + MAX_PAGE)));
    }
}
