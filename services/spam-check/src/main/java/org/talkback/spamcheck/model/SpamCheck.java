package org.talkback.spamcheck.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/** One verdict and why: kept so moderators and newsroom admins can see which rule fired. */
@Entity
@Table(name = "spam_check")
public class SpamCheck {
    @Id
    public UUID id;

    @Column(name = "site_id")
    public String siteId;

    @Column(name = "comment_id")
    public UUID commentId;

    @Convert(converter = Judgement.Column.class)
    public Judgement verdict;

    public double score;

    public boolean discard;

    /**
     * Immutable (a List.copyOf of records): without saying so, Hibernate copies a JSON value for dirty checking by
     * writing it out and reading it back: 4 % of a check's CPU samples in a JFR profile.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<Reason> reasons;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The text judged, kept so that a moderator's later decision about it can be learned from. */
    public String content;

    @Column(name = "author_url")
    public String authorUrl;

    @Column(name = "author_email")
    public String authorEmail;

    @Column(name = "client_ip")
    public String clientIp;

    /** One signal's contribution to a verdict. */
    public record Reason(String code, double weight, String detail) {
    }
}
