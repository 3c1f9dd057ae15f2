package org.talkback.publication.model;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** Where a comment stands with publication; stored and sent by its lower-case name. */
public enum CommentStatus {
    /** Waiting for its text or its verdict (or both). Never shown. */
    PENDING("pending"),
    PUBLISHED("published"),
    /** Waiting for a moderator: spam-check was unsure, or the site moderates first. */
    HELD("held"),
    /** spam-check called it spam; a moderator can still approve it. */
    SPAM("spam"),
    /** Blatant spam: kept out of the queue, retained only for audit. */
    DISCARDED("discarded"),
    REJECTED("rejected"),
    /** Published, and reported by enough readers to be looked at again; still shown until a moderator decides. */
    FLAGGED("flagged"),
    /** Deleted by its author. */
    RETRACTED("retracted");

    private final String wireName;

    CommentStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether readers see a comment in this state. */
    public boolean isShown() {
        return this == PUBLISHED || this == FLAGGED;
    }

    /** Whether a moderator is to look at it (what alerts the moderators). */
    public boolean isQueued() {
        return this == HELD || this == FLAGGED;
    }

    public static CommentStatus of(String wireName) {
        return Arrays.stream(values()).filter(status -> status.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a comment status: " + wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }

    /** The column holds the lower-case name, as the audit log and intake's copy do. */
    @Converter
    public static class Column implements AttributeConverter<CommentStatus, String> {
        @Override
        public String convertToDatabaseColumn(CommentStatus status) {
            return status == null ? null : status.wireName;
        }

        @Override
        public CommentStatus convertToEntityAttribute(String column) {
            return column == null ? null : of(column);
        }
    }
}
