package org.talkback.spamcheck.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.net.IpAddresses;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.repository.RuleStatistics;
import org.talkback.spamcheck.repository.SiteFilterRepository;
import org.talkback.spamcheck.service.SiteFilters;
import org.talkback.spamcheck.service.SpamRules;

/**
 * What a newsroom admin needs to trust the filter: which rule fires how often and how often moderators agreed,
 * and the knobs spam-check alone has (verdict thresholds, rules in shadow mode).
 */
@Path("/api/v1/admin/sites/{site}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class RuleAdminResource {

    public record RuleView(String code, long fired, long decided, long agreed, Double agreement) {
    }

    /** The blocked lists are replaced whole by a PUT; one left out is emptied. */
    public record RuleSettings(Double spamFrom, Double hamBelow, List<String> shadowRules, List<String> blockedEmails,
            List<String> blockedDomains, List<String> blockedAddresses) {
    }

    /** Longer lists belong in a firewall, not in every check. */
    static final int MAX_BLOCKED = 1000;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,190}");
    private static final Pattern DOMAIN = Pattern
            .compile("(?=.{1,253}$)([\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}");

    private final SiteFilterRepository sites;
    private final RuleStatistics statistics;
    private final SiteFilters filters;

    public RuleAdminResource(SiteFilterRepository sites, RuleStatistics statistics, SiteFilters filters) {
        this.sites = sites;
        this.statistics = statistics;
        this.filters = filters;
    }

    @GET
    @Path("/rules")
    @Operation(summary = "Per rule: checks it fired in, of those decided by a moderator, and how many agreed")
    @Transactional
    public List<RuleView> rules(@PathParam("site") String site, @QueryParam("days") @DefaultValue("30") int days) {
        filterOf(site);
        if (days < 1 || days > 3660) {
            throw ProblemException.invalid(List.of(new FieldError("days", "1 to 3660")));
        }
        return statistics.since(site, days).stream().map(rule -> new RuleView(rule.code(), rule.fired(),
                rule.decided(), rule.agreed(), rule.decided() == 0 ? null : (double) rule.agreed() / rule.decided()))
                .toList();
    }

    @GET
    @Path("/rule-settings")
    @Operation(summary = "The site's verdict thresholds and the rules it runs in shadow mode")
    @Transactional
    public RuleSettings settings(@PathParam("site") String site) {
        SiteFilter filter = filterOf(site);
        return new RuleSettings(filter.spamFrom, filter.hamBelow, listOf(filter.shadowRules),
                listOf(filter.blockedEmails), listOf(filter.blockedDomains), listOf(filter.blockedAddresses));
    }

    @PUT
    @Path("/rule-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the verdict thresholds (log-odds), the rules in shadow mode and the blocked emails, "
            + "domains and address ranges")
    @Transactional
    public RuleSettings change(@PathParam("site") String site, RuleSettings settings) {
        SiteFilter filter = filterOf(site);
        List<FieldError> errors = new ArrayList<>();
        if (settings == null || settings.spamFrom() == null || settings.hamBelow() == null) {
            throw ProblemException.invalid(List.of(new FieldError("spamFrom", "spamFrom and hamBelow are required")));
        }
        if (!(settings.spamFrom() > settings.hamBelow()) || Math.abs(settings.spamFrom()) > 20
                || Math.abs(settings.hamBelow()) > 20) {
            errors.add(new FieldError("spamFrom", "between -20 and 20, and above hamBelow"));
        }
        List<String> shadow = settings.shadowRules() == null ? List.of() : settings.shadowRules();
        for (String code : shadow) {
            if (!SpamRules.RULE_CODES.contains(code)) {
                errors.add(new FieldError("shadowRules", "unknown rule " + code + "; rules are " + SpamRules.RULE_CODES));
            }
        }
        List<String> emails = blockedList("blockedEmails", settings.blockedEmails(),
                email -> EMAIL.matcher(email).matches() ? null : "not an email address: " + email, errors);
        List<String> domains = blockedList("blockedDomains", settings.blockedDomains(),
                domain -> DOMAIN.matcher(domain).matches() ? null : "not a domain name: " + domain, errors);
        List<String> addresses = blockedList("blockedAddresses", settings.blockedAddresses(),
                range -> IpAddresses.range(range).isPresent() ? null : "not an address or CIDR range: " + range, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        filter.spamFrom = settings.spamFrom();
        filter.hamBelow = settings.hamBelow();
        filter.shadowRules = shadow.toArray(String[]::new);
        filter.blockedEmails = emails.toArray(String[]::new);
        filter.blockedDomains = domains.toArray(String[]::new);
        // Stored as written once checked, so an admin reads back what they typed; ranges are parsed when used.
        filter.blockedAddresses = addresses.toArray(String[]::new);
        filters.forgetAfterCommit();
        return settings(site);
    }

    /** A blocked list trimmed, lower-cased and without repeats, or errors for the entries that make no sense. */
    private static List<String> blockedList(String field, List<String> entries,
            Function<String, String> problemWith, List<FieldError> errors) {
        if (entries == null) {
            return List.of();
        }
        if (entries.size() > MAX_BLOCKED) {
            errors.add(new FieldError(field, "at most " + MAX_BLOCKED + " entries"));
            return List.of();
        }
        Set<String> cleaned = new LinkedHashSet<>();
        for (String entry : entries) {
            String value = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            String problem = problemWith.apply(value);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
            } else {
                cleaned.add(value);
            }
        }
        return List.copyOf(cleaned);
    }

    private static List<String> listOf(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private SiteFilter filterOf(String site) {
        return sites.findByIdOptional(site).orElseThrow(() -> ProblemException.notFound("No site " + site + "."));
    }
}
