package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.repository.RuleStatistics;
import org.talkback.spamcheck.repository.SiteFilterRepository;

/**
 * What a newsroom admin needs to trust the filter: which rule fires how often and how often moderators agreed,
 * and the knobs spam-check alone has (verdict thresholds, rules in shadow mode, blocked link domains).
 */
@ApplicationScoped
public class RuleAdministration {

    /** The site's rule settings as admins read them; the bans come from publication and are read-only here. */
    public record RuleSettings(double spamFrom, double hamBelow, List<String> shadowRules, List<String> blockedDomains,
            List<AuthorBan> bans) {
    }

    /** What an admin sends; the blocked domains are replaced whole (one left out is emptied). */
    public record RuleChange(Double spamFrom, Double hamBelow, List<String> shadowRules, List<String> blockedDomains,
            List<String> blockedEmails, List<String> blockedAddresses) {
    }

    public record RuleRecord(String code, long fired, long decided, long agreed, Double agreement) {
    }

    /** Longer lists belong in a firewall, not in every check. */
    static final int MAX_BLOCKED = 1000;
    private static final Pattern DOMAIN = Pattern
            .compile("(?=.{1,253}$)([\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}");
    private static final String BANS_LIVE_IN_PUBLICATION =
            "authors are banned in publication (POST /api/v1/moderation/bans), which sends the bans here";

    private final SiteFilterRepository sites;
    private final RuleStatistics statistics;
    private final SiteFilters filters;
    private final SpamRules rules;

    public RuleAdministration(SiteFilterRepository sites, RuleStatistics statistics, SiteFilters filters,
            SpamRules rules) {
        this.sites = sites;
        this.statistics = statistics;
        this.filters = filters;
        this.rules = rules;
    }

    @Transactional
    public List<RuleRecord> rules(String site, int days) {
        filterOf(site);
        if (days < 1 || days > 3660) {
            throw ProblemException.invalid(List.of(new FieldError("days", "1 to 3660")));
        }
        return statistics.since(site, days).stream().map(rule -> new RuleRecord(rule.code(), rule.fired(),
                rule.decided(), rule.agreed(), rule.decided() == 0 ? null : (double) rule.agreed() / rule.decided()))
                .toList();
    }

    @Transactional
    public RuleSettings settings(String site) {
        SiteFilter filter = filterOf(site);
        return new RuleSettings(filter.spamFrom, filter.hamBelow, listOf(filter.shadowRules),
                listOf(filter.blockedDomains), filter.bans == null ? List.of() : filter.bans);
    }

    /** All problems at once; nothing changes unless everything is right. */
    @Transactional
    public RuleSettings change(String site, RuleChange change) {
        SiteFilter filter = filterOf(site);
        if (change == null || change.spamFrom() == null || change.hamBelow() == null) {
            throw ProblemException.invalid(List.of(new FieldError("spamFrom", "spamFrom and hamBelow are required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (!(change.spamFrom() > change.hamBelow()) || Math.abs(change.spamFrom()) > 20
                || Math.abs(change.hamBelow()) > 20) {
            errors.add(new FieldError("spamFrom", "between -20 and 20, and above hamBelow"));
        }
        List<String> shadow = change.shadowRules() == null ? List.of() : change.shadowRules();
        for (String code : shadow) {
            if (!rules.ruleCodes().contains(code)) {
                errors.add(new FieldError("shadowRules", "unknown rule " + code + "; rules are " + rules.ruleCodes()));
            }
        }
        if (change.blockedEmails() != null && !change.blockedEmails().isEmpty()) {
            errors.add(new FieldError("blockedEmails", BANS_LIVE_IN_PUBLICATION));
        }
        if (change.blockedAddresses() != null && !change.blockedAddresses().isEmpty()) {
            errors.add(new FieldError("blockedAddresses", BANS_LIVE_IN_PUBLICATION));
        }
        List<String> domains = blockedDomains(change.blockedDomains(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        filter.spamFrom = change.spamFrom();
        filter.hamBelow = change.hamBelow();
        filter.shadowRules = shadow.toArray(String[]::new);
        filter.blockedDomains = domains.toArray(String[]::new);
        sites.persist(filter);
        filters.forgetAfterCommit();
        return settings(site);
    }

    /** The domains trimmed, lower-cased and without repeats, or errors for the entries that are not domains. */
    private static List<String> blockedDomains(List<String> entries, List<FieldError> errors) {
        if (entries == null) {
            return List.of();
        }
        if (entries.size() > MAX_BLOCKED) {
            errors.add(new FieldError("blockedDomains", "at most " + MAX_BLOCKED + " entries"));
            return List.of();
        }
        Set<String> cleaned = new LinkedHashSet<>();
        for (String entry : entries) {
            String value = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (DOMAIN.matcher(value).matches()) {
                cleaned.add(value);
            } else {
                errors.add(new FieldError("blockedDomains", "not a domain name: " + value));
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
