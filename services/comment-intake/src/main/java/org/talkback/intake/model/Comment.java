package org.talkback.intake.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reader's comment as written, with what the author needs to see and change it. */
@Entity
@Table(name = "comment")
public class Comment {
    @Id
    public UUID id;

    @Column(name = "thread_id")
    public UUID threadId;

    @Column(name = "site_id")
    public String siteId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_email")
    public String authorEmail;

    @Column(name = "author_url")
    public String authorUrl;

    public String body;

    /**
     * What publication last said (pending until it decides, then published, held, spam or rejected), as it said it:
     * the vocabulary is publication's ({@link ModerationStatus} reads it).
     */
    public String status;

    public ModerationStatus moderationStatus() {
        return ModerationStatus.of(status);
    }

    /** SHA-256 of the edit token; the token itself is only ever in the author's hands. */
    @Column(name = "edit_token_hash")
    public String editTokenHash;

    @Column(name = "client_ip")
    public String clientIp;

    @Column(name = "user_agent")
    public String userAgent;

    public String referrer;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "editable_until")
    public Instant editableUntil;

    @Column(name = "edited_at")
    public Instant editedAt;

    /** 0 for a comment on the article, parent's depth + 1 for a reply. */
    public int depth;

    /** Its place in the thread's reading order; see ThreadPosition. */
    @Column(name = "thread_position")
    public String threadPosition;

    /** 1 as posted, one more for each edit; spam-check's verdicts name the revision they judged. */
    public int revision;

    /** SHA-256 of the normalised body, for spotting the same author posting the same text twice. */
    @Column(name = "body_hash")
    public String bodyHash;

    /** Set when the author deleted the comment; it is then gone for them and for readers. */
    @Column(name = "retracted_at")
    public Instant retractedAt;

    public boolean isRetracted() {
        return retractedAt != null;
    }
}
