package org.talkback.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.talkback.intake.model.Comment;

/** The author's own view of their comment, including where it stands with the moderators. */
public record AuthorCommentView(UUID id, String status, UUID parentId, Author author, String body,
        Instant createdAt, Instant editedAt, Instant editableUntil) {

    public record Author(String name, String email, String url) {
    }

    static AuthorCommentView of(Comment comment) {
        return new AuthorCommentView(comment.id, statusForAuthor(comment.status), comment.parentId,
                new Author(comment.authorName, comment.authorEmail, comment.authorUrl), comment.body,
                comment.createdAt, comment.editedAt, comment.editableUntil);
    }

    /**
     * Authors see four states. A comment judged spam shows as held, as the contract says: telling a spammer that
     * the filter caught them teaches them to rephrase.
     */
    static String statusForAuthor(String status) {
        return switch (status) {
            case "published" -> "published";
            case "flagged" -> "published"; // reported by readers, still shown until a moderator decides
            case "held", "spam" -> "held";
            case "rejected", "discarded" -> "rejected";
            case "retracted" -> "retracted";
            default -> "pending";
        };
    }
}
