package org.talkback.publication.model;

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
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

/**
 * A comment as the moderators see it. Assembled from two events that may arrive in either order: the text
 * (CommentSubmitted) and the verdict (CommentClassified); it stays pending until it has both.
 */
@Entity
@Table(name = "comment")
public class ModeratedComment {
    @Id
    public UUID id;

    @Column(name = "site_id")
    public String siteId;

    @Column(name = "thread_url")
    public String threadUrl;

    @Column(name = "parent_id")
    public UUID parentId;

    /** Its place in the thread's reading order, as intake gave it; see ThreadPosition. */
    @Column(name = "thread_position")
    public String threadPosition;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_email")
    public String authorEmail;

    @Column(name = "author_url")
    public String authorUrl;

    public String body;

    /** The address the comment came from (as intake saw it), for bans by address. */
    @Column(name = "client_ip")
    public String clientIp;

    @Column(name = "created_at")
    public Instant createdAt;

    @Convert(converter = CommentStatus.Column.class)
    public CommentStatus status;

    public String verdict;

    public Double score;

    public Boolean discard;

    /**
     * Always replaced whole, never changed in place: immutable to Hibernate, which then neither deep-copies it (a
     * JSON round trip) for the snapshot of every comment it loads nor compares it at every flush.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<Reason> reasons;

    @Column(name = "check_id")
    public UUID checkId;

    /** Bumped on every change of status, for moderators' optimistic concurrency (If-Match). */
    public int version;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The text's revision (1 as posted, +1 per author edit); 0 until the text has arrived. */
    public int revision;

    /** The revision the stored verdict judged; a text is decided only under a verdict for the same revision. */
    @Column(name = "verdict_revision")
    public int verdictRevision;

    /** Readers' reports so far. */
    @Column(name = "flag_count")
    public int flagCount;

    @Column(name = "retracted_at")
    public Instant retractedAt;

    /** Held because spam-check's verdict did not come in time; the verdict still decides when it comes. */
    @Column(name = "held_without_verdict")
    public boolean heldWithoutVerdict;

    /** The author asked to be mailed replies (published ones, once their address is confirmed). */
    @Column(name = "notify_replies")
    public boolean notifyReplies;

    public boolean hasText() {
        return body != null;
    }

    public boolean hasVerdict() {
        return verdict != null;
    }

    /** Text and verdict are about the same revision, so a decision can be made. */
    public boolean verdictMatchesText() {
        return hasText() && hasVerdict() && verdictRevision == revision;
    }

    public record Reason(String code, double weight, String detail) {
    }
}
