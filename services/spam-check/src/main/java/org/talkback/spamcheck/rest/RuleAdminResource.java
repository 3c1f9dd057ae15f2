package org.talkback.spamcheck.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
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
    private final ObjectMapper json;

    public RuleAdminResource(RuleAdministration administration, ObjectMapper json) {
        this.administration = administration;
        this.json = json;
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
    @Operation(summary = "Change the error budget, or set the verdict thresholds (log-odds) by hand; the rules in "
            + "shadow mode and the blocked link domains")
    public RuleSettings change(@PathParam("site") String site, JsonNode body) {
        return administration.change(site, readChange(body));
    }

    /** The change as sent, every field it may not have refused by name (a misspelt budget must not pass unseen). */
    private RuleChange readChange(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("Send the rule settings as a JSON object.");
        }
        List<FieldError> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!RuleAdministration.CHANGE_FIELDS.contains(field)) {
                unknown.add(new FieldError(field, "not a rule setting; they are " + new TreeSet<>(RuleAdministration.CHANGE_FIELDS)));
            }
        });
        JsonNode budget = body.get("errorBudget");
        if (budget != null && budget.isObject()) {
            budget.fieldNames().forEachRemaining(field -> {
                if (!RuleAdministration.BUDGET_FIELDS.contains(field)) {
                    unknown.add(new FieldError("errorBudget." + field, "not part of the budget; it has "
                            + new TreeSet<>(RuleAdministration.BUDGET_FIELDS)));
                }
            });
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        try {
            return json.treeToValue(body, RuleChange.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ProblemException.badRequest("A rule setting has the wrong type (thresholds and budgets are numbers, lists are lists of strings).");
        }
    }
}
