package org.talkback.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.talkback.intake.model.Comment;
import org.talkback.intake.model.ModerationStatus;

/** The author's own view of their comment, including where it stands with the moderators. */
public record AuthorCommentView(UUID id, ModerationStatus.ForAuthor status, UUID parentId, Author author, String body,
        Instant createdAt, Instant editedAt, Instant editableUntil) {

    public record Author(String name, String email, String url) {
    }

    static AuthorCommentView of(Comment comment) {
        return new AuthorCommentView(comment.id, comment.moderationStatus().forAuthor(), comment.parentId,
                new Author(comment.authorName, comment.authorEmail, comment.authorUrl), comment.body,
                comment.createdAt, comment.editedAt, comment.editableUntil);
    }
}
