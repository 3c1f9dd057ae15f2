package org.talkback.intake.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a comment stands, in publication's words, as intake keeps it for the author (publication decides; intake
 * hears of each decision through CommentStatusChanged). Authors see fewer states ({@link #forAuthor()}).
 */
public enum ModerationStatus {
    PENDING("pending"), PUBLISHED("published"), FLAGGED("flagged"), HELD("held"), SPAM("spam"),
    REJECTED("rejected"), DISCARDED("discarded"), RETRACTED("retracted");

    /** The four states an author is told, plus their own deletion. */
    public enum ForAuthor {
        PENDING("pending"), PUBLISHED("published"), HELD("held"), REJECTED("rejected"), RETRACTED("retracted");

        private final String wireName;

        ForAuthor(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    private final String wireName;

    ModerationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The stored status; one this version does not know (a newer publication's) reads as pending. */
    public static ModerationStatus of(String wireName) {
        for (ModerationStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return status;
            }
        }
        return PENDING;
    }

    /**
     * What the author is told. A comment judged spam shows as held, as the contract says: telling a spammer that
     * the filter caught them teaches them to rephrase. A comment reported by readers is still shown.
     */
    public ForAuthor forAuthor() {
        return switch (this) {
            case PUBLISHED, FLAGGED -> ForAuthor.PUBLISHED;
            case HELD, SPAM -> ForAuthor.HELD;
            case REJECTED, DISCARDED -> ForAuthor.REJECTED;
            case RETRACTED -> ForAuthor.RETRACTED;
            case PENDING -> ForAuthor.PENDING;
        };
    }

    /** Whether moderators turned it down, so that the author may no longer change it. */
    public boolean isRejected() {
        return this == REJECTED || this == DISCARDED;
    }
}
