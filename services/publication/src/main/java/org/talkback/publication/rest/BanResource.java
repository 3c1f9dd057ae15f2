package org.talkback.publication.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.publication.model.Ban;
import org.talkback.publication.service.moderation.ModerationBans;

@Path("/api/v1/moderation/bans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("moderator")
public class BanResource {

    private final ModerationBans bans;
    private final SecurityIdentity moderator;

    public BanResource(ModerationBans bans, SecurityIdentity moderator) {
        this.bans = bans;
        this.moderator = moderator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ban an email, an author name or an address/range from a site, optionally until expiresAt")
    public Response ban(ModerationBans.BanRequest request) {
        Ban ban = bans.ban(request, moderator.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/moderation/bans/" + ban.id())).entity(ban).build();
    }

    @GET
    @Operation(summary = "A site's active bans")
    public List<Ban> active(@QueryParam("site") @DefaultValue("default") String site) {
        return bans.active(site);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Lift a ban (it stays in the audit log)")
    public Response lift(@PathParam("id") UUID id) {
        bans.lift(id, moderator.getPrincipal().getName());
        return Response.noContent().build();
    }
}
