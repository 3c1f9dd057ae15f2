package org.talkback.platform.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event the services exchange: its name on the wire, what kind of thing it is about, which service publishes
 * it and which consume it. Routing is declared here and nowhere else: a producer delivers an event to the consumers
 * named here (its configuration only says where they are), and each consumer checks at start that it handles
 * exactly the types routed to it. Adding an event type is one line here, the producer's payload record and the
 * consumer's handler.
 */
public enum EventType {
    COMMENT_SUBMITTED("CommentSubmitted", Aggregate.COMMENT, Services.COMMENT_INTAKE,
            Services.SPAM_CHECK, Services.PUBLICATION),
    /** A new revision of the text: judged again, like a submission. */
    COMMENT_EDITED("CommentEdited", Aggregate.COMMENT, Services.COMMENT_INTAKE,
            Services.SPAM_CHECK, Services.PUBLICATION),
    COMMENT_RETRACTED("CommentRetracted", Aggregate.COMMENT, Services.COMMENT_INTAKE, Services.PUBLICATION),
    COMMENT_FLAGGED("CommentFlagged", Aggregate.COMMENT, Services.COMMENT_INTAKE, Services.PUBLICATION),
    COMMENT_CLASSIFIED("CommentClassified", Aggregate.COMMENT, Services.SPAM_CHECK, Services.PUBLICATION),
    COMMENT_STATUS_CHANGED("CommentStatusChanged", Aggregate.COMMENT, Services.PUBLICATION, Services.COMMENT_INTAKE),
    COMMENT_MODERATED("CommentModerated", Aggregate.COMMENT, Services.PUBLICATION, Services.SPAM_CHECK),
    SITE_CONFIGURED("SiteConfigured", Aggregate.SITE, Services.PUBLICATION,
            Services.COMMENT_INTAKE, Services.SPAM_CHECK),
    /** A moderator closed or reopened a thread. Not in the first contract's list: an extra. */
    THREAD_STATE_CHANGED("ThreadStateChanged", Aggregate.THREAD, Services.PUBLICATION, Services.COMMENT_INTAKE),
    /**
     * A batch of comments from another system's export, already decided there and shown (or not) by publication:
     * intake stores them (so readers can reply), spam-check learns from them. One aggregate per import job, so its
     * batches arrive in order and parents before replies.
     */
    COMMENTS_IMPORTED("CommentsImported", Aggregate.IMPORT, Services.PUBLICATION,
            Services.COMMENT_INTAKE, Services.SPAM_CHECK),
    /** An admin erased a person's data on their request: intake and spam-check erase theirs. */
    AUTHOR_ERASED("AuthorErased", Aggregate.AUTHOR, Services.PUBLICATION, Services.COMMENT_INTAKE, Services.SPAM_CHECK);

    /** What an event is about; a relay delivers one aggregate's events in order, one at a time. */
    public enum Aggregate {
        COMMENT("comment"), SITE("site"), THREAD("thread"), IMPORT("import"), AUTHOR("author");

        private final String wireName;

        Aggregate(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The services' names, as in {@code quarkus.application.name} and the relay's destinations. */
    public static final class Services {
        public static final String COMMENT_INTAKE = "comment-intake";
        public static final String SPAM_CHECK = "spam-check";
        public static final String PUBLICATION = "publication";

        private Services() {
        }
    }

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Aggregate aggregate;
    private final String producer;
    private final List<String> consumers;

    EventType(String wireName, Aggregate aggregate, String producer, String... consumers) {
        this.wireName = wireName;
        this.aggregate = aggregate;
        this.producer = producer;
        this.consumers = java.util.stream.Stream.of(consumers).sorted().toList();
    }

    /** The name in the envelope's {@code type}, fixed by the public contract. */
    public String wireName() {
        return wireName;
    }

    public Aggregate aggregate() {
        return aggregate;
    }

    public String producer() {
        return producer;
    }

    /** The services this event is delivered to, sorted by name. */
    public List<String> consumers() {
        return consumers;
    }

    public static Optional<EventType> ofWireName(String wireName) {
        return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
