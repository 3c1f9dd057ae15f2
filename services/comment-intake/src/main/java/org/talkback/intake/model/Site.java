package org.talkback.intake.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The rules one news site sets for its comment form. */
@Entity
@Table(name = "site")
public class Site {
    @Id
    public String id;

    @Column(name = "require_email")
    public boolean requireEmail;

    @Column(name = "edit_window_seconds")
    public int editWindowSeconds;

    /** How deep replies may nest: a top-level comment is depth 0, a reply to it depth 1. */
    @Column(name = "max_reply_depth")
    public int maxReplyDepth;

    /** WordPress's flood rule: the same author may not post again within this many seconds. */
    @Column(name = "flood_interval_seconds")
    public int floodIntervalSeconds;

    /** What happens to a banned author's comment: "hold" (publication holds it) or "refuse" (refused here). */
    @Column(name = "banned_authors")
    public String bannedAuthors;

    /** Origins of the pages that embed this site's comment form, for CORS ("https://news.example"). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_origins")
    public String[] allowedOrigins;
}
