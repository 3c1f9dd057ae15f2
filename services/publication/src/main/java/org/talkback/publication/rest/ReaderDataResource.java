package org.talkback.publication.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.service.moderation.ReaderData;

/** A reader's data on request: what the three services keep about them, and its erasure; see docs/api.md. */
@Path("/api/v1/admin/sites/{site}/authors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ReaderDataResource {

    private final ReaderData readers;
    private final SecurityIdentity admin;

    public ReaderDataResource(ReaderData readers, SecurityIdentity admin) {
        this.readers = readers;
        this.admin = admin;
    }

    @GET
    @Operation(summary = "Everything the three services keep about one author: by email, or by name and address")
    public Map<String, Object> find(@PathParam("site") String site, @QueryParam("email") String email,
            @QueryParam("name") String name, @QueryParam("address") String address) {
        return readers.find(site, readers.person(site, email, name, address));
    }

    @DELETE
    @Operation(summary = "Erase an author's data in all three services; comments=anonymise (default) keeps their comments under a placeholder name, comments=remove takes them down")
    public Response erase(@PathParam("site") String site, @QueryParam("email") String email,
            @QueryParam("name") String name, @QueryParam("address") String address,
            @QueryParam("comments") @DefaultValue("anonymise") String comments) {
        if (!comments.equals("anonymise") && !comments.equals("remove")) {
            throw ProblemException.invalid(List.of(new FieldError("comments", "must be anonymise or remove")));
        }
        return Response.accepted(readers.erase(site, readers.person(site, email, name, address),
                comments.equals("remove"), admin.getPrincipal().getName())).build();
    }
}
