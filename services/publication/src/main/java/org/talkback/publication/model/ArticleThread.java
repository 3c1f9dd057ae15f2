package org.talkback.publication.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An article's thread: its title and whether it is open for comments. */
@Entity
@Table(name = "thread")
public class ArticleThread {
    @EmbeddedId
    public Key key;

    public String title;

    public String state;

    @Embeddable
    public record Key(@Column(name = "site_id") String siteId, @Column(name = "url") String url) implements Serializable {
    }
}
