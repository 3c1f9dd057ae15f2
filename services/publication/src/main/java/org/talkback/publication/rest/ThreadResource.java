package org.talkback.publication.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.threads.ThreadUrls;
import org.talkback.publication.service.read.ThreadCursor;
import org.talkback.publication.service.read.ThreadFeeds;
import org.talkback.publication.service.read.ThreadPageCache.RenderedPage;
import org.talkback.publication.service.read.ThreadPageCache;
import org.talkback.publication.service.read.ThreadPages;
import org.talkback.publication.service.read.ThreadStreams;
import org.talkback.publication.service.sites.SiteDirectory;

/**
 * What article pages load. A thread page is served from memory when this instance has it (on the I/O thread,
 * no database, no worker hand-off) and read, rendered and kept otherwise. Every read carries an ETag and a short
 * public Cache-Control, so a CDN or the browser can hold a page for a few seconds and then revalidate cheaply.
 */
@Path("/api/v1/threads")
public class ThreadResource {
    /** Short enough that a new comment shows within seconds behind a CDN; revalidation is a cheap 304. */
    static final String PAGE_CACHING = "public, max-age=5, stale-while-revalidate=5";
    static final String FEED_CACHING = "public, max-age=60";
    private static final MediaType ATOM = MediaType.valueOf("application/atom+xml;charset=utf-8");
    private static final int MAX_PAGE = 100;
    private static final int MAX_URLS = 100;

    private final ThreadPages pages;
    private final ThreadStreams streams;
    private final ThreadFeeds feeds;
    private final SiteDirectory sites;
    private final ObjectMapper json;

    public ThreadResource(ThreadPages pages, ThreadStreams streams, ThreadFeeds feeds,
            SiteDirectory sites, ObjectMapper json) {
        this.pages = pages;
        this.streams = streams;
        this.feeds = feeds;
        this.sites = sites;
        this.json = json;
    }

    @GET
    @Path("/comments")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Published comments of an article's thread in reading order: oldest first, replies after their parent")
    public Uni<Response> comments(@QueryParam("site") String site, @QueryParam("url") String url,
            @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("cursor") String cursor,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        String siteId = requireSite(site);
        String threadUrl = canonicalUrl(url, "url");
        int pageSize = pageSize(limit);
        Optional<String> after = ThreadCursor.decode(cursor);
        RenderedPage cached = pages.cached(siteId, threadUrl, pageSize, after);
        if (cached != null) {
            return Uni.createFrom().item(answer(cached.json(), cached.etag(), ifNoneMatch, MediaType.APPLICATION_JSON_TYPE, PAGE_CACHING));
        }
        return Uni.createFrom().completionStage(() -> pages.load(siteId, threadUrl, pageSize, after))
                .map(page -> answer(page.json(), page.etag(), ifNoneMatch, MediaType.APPLICATION_JSON_TYPE, PAGE_CACHING));
    }

    @GET
    @Path("/counts")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Published comment counts for many articles at once (for article lists)")
    public Response counts(@QueryParam("site") String site, @QueryParam("url") List<String> urls,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        String siteId = requireExistingSite(site);
        if (urls == null || urls.isEmpty() || urls.size() > MAX_URLS) {
            throw ProblemException.invalid(List.of(new FieldError("url", "give between 1 and " + MAX_URLS + " urls")));
        }
        // Keyed by the URL as the caller gave it, so an article list can look its links up directly.
        Map<String, String> canonicalOf = new LinkedHashMap<>();
        for (String given : urls) {
            canonicalOf.put(given, ThreadUrls.canonical(given).orElse(null));
        }
        Map<String, Integer> found = pages.counts(siteId,
                canonicalOf.values().stream().filter(c -> c != null).distinct().toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        canonicalOf.forEach((given, canonical) -> counts.put(given, canonical == null ? 0 : found.getOrDefault(canonical, 0)));
        byte[] body = write(counts);
        return answer(body, ThreadPageCache.etagOf(body), ifNoneMatch,
                MediaType.APPLICATION_JSON_TYPE, PAGE_CACHING);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Live updates of a thread (Server-Sent Events): comment, removed, reset; resumes after "
            + "Last-Event-ID, or on first connection after since= (a page's thread.lastChange)")
    public Multi<OutboundSseEvent> stream(@QueryParam("site") String site, @QueryParam("url") String url,
            @HeaderParam("Last-Event-ID") String lastEventHeader, @QueryParam("since") String since, @Context Sse sse) {
        // EventSource sends Last-Event-ID itself when it reconnects; on its first connection only the URL can say.
        String lastEventId = lastEventHeader != null ? lastEventHeader : since;
        String siteId = requireExistingSite(site);
        String threadUrl = canonicalUrl(url, "url");
        Optional<Long> resumeAfter = Optional.empty();
        try {
            resumeAfter = lastEventId == null ? Optional.empty() : Optional.of(Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException e) {
            // an id this server did not send: follow from now on
        }
        return streams.follow(siteId, threadUrl, resumeAfter).map(event -> event.name() == null
                ? sse.newEventBuilder().comment("keep-alive").build()
                : sse.newEventBuilder().id(Long.toString(event.id())).name(event.name())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.data()).reconnectDelay(3000).build());
    }

    @GET
    @Path("/feed.atom")
    @Produces("application/atom+xml")
    @Blocking
    @Operation(summary = "Atom feed of the newest published comments of a thread (url given) or of a whole site")
    public Response feed(@QueryParam("site") String site, @QueryParam("url") String url,
            @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo request) {
        String siteId = requireExistingSite(site);
        String threadUrl = url == null ? null : canonicalUrl(url, "url");
        byte[] body = feeds.feed(siteId, threadUrl, request.getRequestUri().toString()).getBytes(StandardCharsets.UTF_8);
        return answer(body, ThreadPageCache.etagOf(body), ifNoneMatch, ATOM, FEED_CACHING);
    }

    private static Response answer(byte[] body, String etag, String ifNoneMatch, MediaType type, String caching) {
        EntityTag tag = EntityTag.valueOf(etag);
        if (ThreadPageCache.matches(ifNoneMatch, etag)) {
            return Response.notModified(tag).header("Cache-Control", caching).build();
        }
        return Response.ok(body, type).tag(tag).header("Cache-Control", caching).build();
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the name only: whether the site exists is answered by the page read itself (or the cache). */
    private static String requireSite(String site) {
        if (site == null || site.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("site", "is required")));
        }
        return site;
    }

    private String requireExistingSite(String site) {
        if (!sites.exists(requireSite(site))) {
            throw unknownSite(site);
        }
        return site;
    }

    private static ProblemException unknownSite(String site) {
        return SiteDirectory.unknown(site);
    }


    private static String canonicalUrl(String url, String field) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError(field, "is required")));
        }
        return ThreadUrls.canonical(url).orElseThrow(() ->
                ProblemException.invalid(List.of(new FieldError(field, "must be an absolute http(s) URL"))));
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
