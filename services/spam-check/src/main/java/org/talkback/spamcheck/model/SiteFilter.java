package org.talkback.spamcheck.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One site's filter settings, in WordPress's terms: links before hold, blocked words, moderation words. */
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

    /** Rule codes reported in the reasons but not counted (SpamRules). */
    @Column(name = "shadow_rules")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] shadowRules;
}
