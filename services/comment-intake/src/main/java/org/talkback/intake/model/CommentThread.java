package org.talkback.intake.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The comments under one article; created by the first comment posted for its canonical URL. */
@Entity
@Table(name = "thread")
public class CommentThread {
    @Id
    public UUID id;

    @Column(name = "site_id")
    public String siteId;

    public String url;

    public String title;

    public String state;

    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isClosed() {
        return "closed".equals(state);
    }
}
