package org.talkback.publication.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An article's thread as readers see it: open or closed, and how many comments are published. */
@Entity
@Table(name = "thread")
public class ArticleThread {
    @EmbeddedId
    public Key key;

    public String title;

    public String state;

    @Column(name = "published_count")
    public int publishedCount;

    @Embeddable
    public record Key(@Column(name = "site_id") String siteId, @Column(name = "url") String url) implements Serializable {
    }
}
