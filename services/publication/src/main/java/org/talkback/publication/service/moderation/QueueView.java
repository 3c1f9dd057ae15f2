package org.talkback.publication.service.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment.Reason;
import org.talkback.publication.model.ReaderFlag;

/** A page of the moderation queue: each comment with its verdict, reader flags and its author's history. */
public record QueueView(List<Item> items, String nextCursor) {

    public record Item(Comment comment, Verdict verdict, List<ReaderFlag> flags, AuthorHistory author) {
    }

    public record Comment(UUID id, String threadUrl, UUID parentId, Author author, String body, Instant createdAt,
            CommentStatus status, int version) {
    }

    public record Author(String name, String email, String url) {
    }

    public record Verdict(String verdict, Double score, List<Reason> reasons) {
    }

    public record AuthorHistory(long published, long rejected) {
    }
}
