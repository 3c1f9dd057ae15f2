package org.talkback.publication.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.publication.service.imports.SiteExports;

/** Everything a site's readers wrote, to take elsewhere or to keep; see docs/api.md#export. */
@Path("/api/v1/admin/sites/{site}/export")
@RolesAllowed("admin")
public class ExportResource {
    static final String JSON_LINES = "application/x-ndjson";

    private final SiteExports exports;

    public ExportResource(SiteExports exports) {
        this.exports = exports;
    }

    @GET
    @Produces(JSON_LINES)
    @Operation(summary = "Every comment of the site as JSON Lines (Talkback's export format); ?gzip=true for a .gz file")
    public Response export(@PathParam("site") String site, @QueryParam("gzip") boolean gzip) {
        exports.requireSite(site);
        // Without ?gzip, a client that sends Accept-Encoding: gzip still gets the transfer compressed, by the
        // server's HTTP compression (quarkus.http.compress-media-types lists this type).
        StreamingOutput body = out -> {
            if (gzip) {
                try (GZIPOutputStream compressed = new GZIPOutputStream(out, 1 << 16)) {
                    exports.write(site, compressed);
                }
            } else {
                exports.write(site, out);
            }
        };
        String file = "talkback-" + site + "-" + LocalDate.now() + ".jsonl" + (gzip ? ".gz" : "");
        return Response.ok(body, gzip ? "application/gzip" : JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}
