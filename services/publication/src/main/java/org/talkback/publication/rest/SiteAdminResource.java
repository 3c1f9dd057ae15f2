package org.talkback.publication.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.publication.model.SiteSettings;
import org.talkback.publication.service.sites.SiteAdministration;
import org.talkback.publication.service.sites.SiteDirectory;

@Path("/api/v1/admin/sites/{site}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class SiteAdminResource {

    private final SiteAdministration sites;

    public SiteAdminResource(SiteAdministration sites) {
        this.sites = sites;
    }

    @GET
    @Operation(summary = "A site's settings")
    public SiteSettings get(@PathParam("site") String site) {
        return sites.find(site).map(SiteSettings::withoutSecrets)
                .orElseThrow(() -> SiteDirectory.unknown(site));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a site or replace its settings (omitted fields get their defaults); intake and spam-check get them by SiteConfigured")
    public SiteSettings put(@PathParam("site") String site, SiteSettings settings) {
        return sites.configure(site, settings).withoutSecrets();
    }
}
