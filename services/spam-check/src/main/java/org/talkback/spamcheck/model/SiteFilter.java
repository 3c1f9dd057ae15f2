package org.talkback.spamcheck.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One site's filter settings, in WordPress's terms: links before hold, blocked words, moderation words; and blocked
 * emails, domains and address ranges.
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

    /** Combined evidence (log-odds) at or above which a comment is spam. */
    @Column(name = "spam_from")
    public double spamFrom;

    /** Combined evidence below which a comment is ham; in between, the moderators decide. */
    @Column(name = "ham_below")
    public double hamBelow;

    /** Authors' email addresses, lower case, that make a comment spam. */
    @Column(name = "blocked_emails")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] blockedEmails;

    /** Domains (and their subdomains) that make a comment spam when linked to, or in the author's email or URL. */
    @Column(name = "blocked_domains")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] blockedDomains;

    /** Client addresses, as CIDR ranges or single addresses, that make a comment spam. */
    @Column(name = "blocked_addresses")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] blockedAddresses;

    /** Rule codes reported in the reasons but not counted (SpamRules). */
    @Column(name = "shadow_rules")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] shadowRules;
}
