package org.talkback.publication.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The read model: what a widget shows, already rendered to safe HTML. */
@Entity
@Table(name = "published_comment")
public class PublishedComment {
    @Id
    @Column(name = "comment_id")
    public UUID commentId;

    @Column(name = "site_id")
    public String siteId;

    @Column(name = "thread_url")
    public String threadUrl;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "thread_position")
    public String threadPosition;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_url")
    public String authorUrl;

    @Column(name = "body_html")
    public String bodyHtml;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;
}
