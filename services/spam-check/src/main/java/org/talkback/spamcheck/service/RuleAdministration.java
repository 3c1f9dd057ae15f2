package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.talkback.platform.bans.AuthorBan;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.spamcheck.model.SiteFilter;
import org.talkback.spamcheck.repository.RuleStatistics;
import org.talkback.spamcheck.repository.SiteFilterRepository;
import org.talkback.spamcheck.service.learning.SiteModels;
import org.talkback.spamcheck.service.learning.ThresholdPicker;
import org.talkback.spamcheck.service.rules.Check;

/**
 * What a newsroom admin needs to trust the filter: which rule fires how often and how often moderators agreed,
 * and the knobs spam-check alone has (verdict thresholds, rules in shadow mode, blocked link domains).
 */
@ApplicationScoped
public class RuleAdministration {

    /**
     * The site's rule settings as admins read them: the thresholds in force and who set them ({@code thresholds}:
     * manual, automatic from the error budget, or the defaults while the site has no model of its own), the budget,
     * what the site's model expects of them, the rules in shadow mode, the blocked domains, and the bans (which come
     * from publication and are read-only here).
     */
    public record RuleSettings(double spamFrom, double hamBelow, String thresholds, ErrorBudget errorBudget,
            ModelView model, List<String> shadowRules, List<String> blockedDomains, List<AuthorBan> bans) {
    }

    /** The shares of ham judged spam and of spam judged ham the site accepts (0 to 0.5). */
    public record ErrorBudget(Double hamJudgedSpam, Double spamJudgedHam) {
    }

    /**
     * The site's own model: the examples it was fitted from, when and how long it took, and what cross-validation
     * (each example scored by a model that did not learn it) expects of the thresholds: error rates, the share
     * left unsure, and the examples it would misjudge.
     */
    public record ModelView(int ham, int spam, java.time.Instant fittedAt, long fitMillis, boolean upToDate,
            int crossValidated, Estimate estimated, List<Misjudged> misjudged) {
    }

    public record Estimate(double hamJudgedSpam, double spamJudgedHam, double unsure) {
    }

    public record Misjudged(String label, double score, String excerpt) {
    }

    /**
     * What an admin sends. Thresholds are both given (set by hand; they win) or both left out (picked by the filter
     * from the budget). The blocked domains are replaced whole (one left out is emptied).
     */
    public record RuleChange(Double spamFrom, Double hamBelow, ErrorBudget errorBudget, List<String> shadowRules,
            List<String> blockedDomains, List<String> blockedEmails, List<String> blockedAddresses) {
    }

    /** The fields a change may have: anything else is a mistake worth telling, not ignoring. */
    public static final Set<String> CHANGE_FIELDS = Set.of("spamFrom", "hamBelow", "errorBudget", "shadowRules",
            "blockedDomains", "blockedEmails", "blockedAddresses");
    public static final Set<String> BUDGET_FIELDS = Set.of("hamJudgedSpam", "spamJudgedHam");
    static final double DEFAULT_HAM_JUDGED_SPAM = 0.01;
    static final double DEFAULT_SPAM_JUDGED_HAM = 0.03;

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
    private final SiteModels models;
    private final CheckService checks;

    public RuleAdministration(SiteFilterRepository sites, RuleStatistics statistics, SiteFilters filters,
            SpamRules rules, SiteModels models, CheckService checks) {
        this.models = models;
        this.checks = checks;
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
        Optional<SiteModels.Fitted> model = models.of(site);
        Check.Thresholds inForce = checks.thresholds(filter,
                models.inForce(site, filter.budgetHamJudgedSpam, filter.budgetSpamJudgedHam));
        ModelView view = model.map(fitted -> {
            SiteModels.Thresholds picked = models.thresholdsOf(site, fitted, filter.budgetHamJudgedSpam,
                    filter.budgetSpamJudgedHam);
            ThresholdPicker.Band band = picked.band();
            return new ModelView(fitted.ham(), fitted.spam(), fitted.fittedAt(), fitted.fitMillis(),
                    models.isUpToDate(site, fitted), fitted.scored().size(),
                    new Estimate(round(band.hamJudgedSpam()), round(band.spamJudgedHam()), round(band.unsure())),
                    picked.misjudged().stream().map(m -> new Misjudged(m.spam() ? "spam" : "ham", round(m.score()),
                            m.excerpt())).toList());
        }).orElse(null);
        return new RuleSettings(inForce.spamFrom(), inForce.hamBelow(), inForce.source(),
                new ErrorBudget(filter.budgetHamJudgedSpam, filter.budgetSpamJudgedHam), view,
                listOf(filter.shadowRules), listOf(filter.blockedDomains), filter.bans == null ? List.of() : filter.bans);
    }

    private static double round(double value) {
        return Double.isInfinite(value) ? value : Math.round(value * 10_000) / 10_000.0;
    }

    /** All problems at once; nothing changes unless everything is right. */
    @Transactional
    public RuleSettings change(String site, RuleChange change) {
        SiteFilter filter = filterOf(site);
        if (change == null) {
            throw ProblemException.badRequest("Send the rule settings as a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>();
        boolean manual = change.spamFrom() != null || change.hamBelow() != null;
        if (manual && (change.spamFrom() == null || change.hamBelow() == null)) {
            errors.add(new FieldError("spamFrom", "give spamFrom and hamBelow both (set by hand) or neither (picked "
                    + "from the error budget)"));
        } else if (manual && (!(change.spamFrom() > change.hamBelow()) || Math.abs(change.spamFrom()) > 20
                || Math.abs(change.hamBelow()) > 20)) {
            errors.add(new FieldError("spamFrom", "between -20 and 20, and above hamBelow"));
        }
        ErrorBudget budget = change.errorBudget() == null ? new ErrorBudget(null, null) : change.errorBudget();
        double hamJudgedSpam = budget.hamJudgedSpam() == null ? DEFAULT_HAM_JUDGED_SPAM : budget.hamJudgedSpam();
        double spamJudgedHam = budget.spamJudgedHam() == null ? DEFAULT_SPAM_JUDGED_HAM : budget.spamJudgedHam();
        if (!(hamJudgedSpam >= 0 && hamJudgedSpam <= 0.5)) {
            errors.add(new FieldError("errorBudget.hamJudgedSpam", "a share from 0 to 0.5 (0.01 is 1 %)"));
        }
        if (!(spamJudgedHam >= 0 && spamJudgedHam <= 0.5)) {
            errors.add(new FieldError("errorBudget.spamJudgedHam", "a share from 0 to 0.5 (0.03 is 3 %)"));
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
        filter.manualThresholds = manual;
        if (manual) {
            filter.spamFrom = change.spamFrom();
            filter.hamBelow = change.hamBelow();
        }
        filter.budgetHamJudgedSpam = hamJudgedSpam;
        filter.budgetSpamJudgedHam = spamJudgedHam;
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
