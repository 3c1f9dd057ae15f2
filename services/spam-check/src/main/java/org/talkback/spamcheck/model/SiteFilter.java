package org.talkback.spamcheck.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;
import org.talkback.platform.bans.AuthorBan;

/**
 * One site's filter settings, in WordPress's terms: links before hold, blocked words, moderation words; blocked
 * domains; the verdict thresholds and the rules in shadow mode; and the authors banned in publication.
 */
@Entity
@Table(name = "site")
public class SiteFilter {
    @Id
    public String id;

    @Column(name = "links_before_hold")
    public int linksBeforeHold;

    @Column(name = "blocked_words")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] blockedWords;

    @Column(name = "moderation_words")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] moderationWords;

    /**
     * Whether an admin set the thresholds below by hand; if not, they are the defaults, used until the site has its
     * own model, whose cross-validated scores then pick the thresholds from the error budget.
     */
    @Column(name = "manual_thresholds")
    public boolean manualThresholds;

    /** At most this share of ham may be judged spam (the budget the filter picks its thresholds by). */
    @Column(name = "budget_ham_judged_spam")
    public double budgetHamJudgedSpam;

    /** At most this share of spam may be judged ham. */
    @Column(name = "budget_spam_judged_ham")
    public double budgetSpamJudgedHam;

    /** Combined evidence (log-odds) at or above which a comment is spam. */
    @Column(name = "spam_from")
    public double spamFrom;

    /** Combined evidence below which a comment is ham; in between, the moderators decide. */
    @Column(name = "ham_below")
    public double hamBelow;

    /** Domains (and their subdomains) that make a comment spam when linked to, or in the author's email or URL. */
    @Column(name = "blocked_domains")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] blockedDomains;

    /** The authors the site's moderators banned, as publication last sent them (SiteConfigured). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<AuthorBan> bans;

    /** Rule codes reported in the reasons but not counted (SpamRules). */
    @Column(name = "shadow_rules")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] shadowRules;
}
