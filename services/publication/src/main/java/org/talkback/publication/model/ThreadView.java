package org.talkback.publication.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page of a thread as the widget renders it. bodyHtml is safe to insert as it is. */
public record ThreadView(Thread thread, List<Comment> comments, String nextCursor) {

    /**
     * {@code lastChange} is the thread's change number this page reflects: a live stream opened with
     * {@code since=lastChange} brings exactly what changed after the page was read, even when the page came from a
     * cache a few seconds old.
     */
    public record Thread(String url, String title, String state, int count, long lastChange) {
    }

    public record Comment(UUID id, UUID parentId, Author author, String bodyHtml, Instant createdAt, Instant editedAt) {
    }

    public record Author(String name, String url) {
    }
}
