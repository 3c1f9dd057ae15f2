package org.talkback.intake.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reader's report that a comment breaks the rules; publication counts them into its flagged queue. */
@Entity
@Table(name = "comment_flag")
public class CommentFlag {
    @Id
    public UUID id;

    @Column(name = "comment_id")
    public UUID commentId;

    /** spam, abuse, off-topic, illegal or other. */
    public String reason;

    public String note;

    @Column(name = "client_ip")
    public String clientIp;

    /** The widget's random reader id, when it sent one. */
    @Column(name = "reader_id")
    public String readerId;

    @Column(name = "created_at")
    public Instant createdAt;
}
