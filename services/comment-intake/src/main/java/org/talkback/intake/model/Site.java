package org.talkback.intake.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
