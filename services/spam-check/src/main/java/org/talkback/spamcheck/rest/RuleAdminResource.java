package org.talkback.spamcheck.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.spamcheck.service.RuleAdministration.RuleChange;
import org.talkback.spamcheck.service.RuleAdministration.RuleRecord;
import org.talkback.spamcheck.service.RuleAdministration.RuleSettings;
import org.talkback.spamcheck.service.RuleAdministration;

/** The filter's statistics and settings for newsroom admins. */
@Path("/api/v1/admin/sites/{site}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class RuleAdminResource {

    private final RuleAdministration administration;

    public RuleAdminResource(RuleAdministration administration) {
        this.administration = administration;
    }

    @GET
    @Path("/rules")
    @Operation(summary = "Per rule: checks it fired in, of those decided by a moderator, and how many agreed")
    public List<RuleRecord> rules(@PathParam("site") String site, @QueryParam("days") @DefaultValue("30") int days) {
        return administration.rules(site, days);
    }

    @GET
    @Path("/rule-settings")
    @Operation(summary = "The site's verdict thresholds, the rules it runs in shadow mode, its blocked link domains "
            + "and the authors banned in publication")
    public RuleSettings settings(@PathParam("site") String site) {
        return administration.settings(site);
    }

    @PUT
    @Path("/rule-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the verdict thresholds (log-odds), the rules in shadow mode and the blocked link domains")
    public RuleSettings change(@PathParam("site") String site, RuleChange change) {
        return administration.change(site, change);
    }
}
