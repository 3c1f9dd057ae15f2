package org.talkback.publication.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A news site and how it moderates: post (publish what spam-check calls ham), pre (hold all), first-time. */
@Entity
@Table(name = "site")
public class Site {
    @Id
    public String id;

    @Column(name = "moderation_mode")
    public String moderationMode;

    public ModerationMode mode() {
        return ModerationMode.of(moderationMode).orElse(ModerationMode.PRE);
    }

    /** Reader reports after which a published comment goes to the flagged queue. */
    @Column(name = "flags_before_review")
    public int flagsBeforeReview;
}
