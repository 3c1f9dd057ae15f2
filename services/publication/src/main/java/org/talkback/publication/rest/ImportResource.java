package org.talkback.publication.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.ImportJob;
import org.talkback.publication.service.imports.ImportJobs;

/** Admins bring a newsroom's comments in from another system's export; see docs/api.md#imports. */
@Path("/api/v1/admin/sites/{site}/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ImportResource {

    private final ImportJobs imports;
    private final SecurityIdentity admin;

    public ImportResource(ImportJobs imports, SecurityIdentity admin) {
        this.imports = imports;
        this.admin = admin;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import an export file (the request body, gzip or not): disqus, wordpress (WXR) or talkback; 202 with the job")
    public Response start(@PathParam("site") String site, @QueryParam("format") String format,
            @QueryParam("pingbacks") @DefaultValue("false") boolean pingbacks, InputStream file) {
        ImportJob job = imports.start(new ImportJobs.Request(site, format, pingbacks, admin.getPrincipal().getName()), file);
        return Response.accepted(job).location(URI.create("/api/v1/admin/sites/" + site + "/imports/" + job.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An import's state (running, done, failed), counts, and what it skipped or mended, by the source's ids")
    public ImportJob get(@PathParam("site") String site, @PathParam("id") String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No import " + id + ".");
        }
        return imports.find(site, jobId).orElseThrow(() -> ProblemException.notFound("No import " + id + " for site " + site + "."));
    }
}
