package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.talkback.publication.model.Ban;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.model.Site;
import org.talkback.publication.model.SpamVerdict;
import org.talkback.publication.repository.ModeratedCommentRepository;

/** Decides what happens to a comment once its verdict is in, by the site's moderation mode. */
@ApplicationScoped
public class ModerationPolicy {

    private final ModeratedCommentRepository comments;

    public ModerationPolicy(ModeratedCommentRepository comments) {
        this.comments = comments;
    }

    public record Decision(CommentStatus status, String reason) {
    }

    /** {@code activeBans}: the site's bans in force, which the caller reads once for a whole delivery. */
    public Decision decide(ModeratedComment comment, Site site, List<Ban> activeBans) {
        switch (SpamVerdict.of(comment.verdict)) {
            case SPAM:
                return Boolean.TRUE.equals(comment.discard)
                        ? new Decision(CommentStatus.DISCARDED, "spam-check: blatant spam")
                        : new Decision(CommentStatus.SPAM, "spam-check: spam");
            case HAM:
                break;
            default:
                // "unsure", and any verdict this version does not know: a person decides.
                return new Decision(CommentStatus.HELD, "spam-check: " + comment.verdict);
        }
        // A banned author's comment waits for a moderator whatever spam-check thinks of its text (a site that
        // refuses banned authors has intake turn them away; this catches what was posted before the ban reached it).
        Instant now = Instant.now();
        Optional<Ban> ban = activeBans.stream()
                .filter(active -> active.asAuthorBan().covers(comment.authorEmail, comment.authorName, comment.clientIp, now))
                .findFirst();
        if (ban.isPresent()) {
            return new Decision(CommentStatus.HELD, "banned " + ban.get().kind() + " " + ban.get().value());
        }
        return switch (site.mode()) {
            case POST -> new Decision(CommentStatus.PUBLISHED, "post-moderation: spam-check says ham");
            case FIRST_TIME -> comments.countByAuthor(site.id, comment.authorEmail, CommentStatus.PUBLISHED) > 0
                    ? new Decision(CommentStatus.PUBLISHED, "first-time moderation: author has published before")
                    : new Decision(CommentStatus.HELD, "first-time moderation: author's first comment");
            case PRE -> new Decision(CommentStatus.HELD, "pre-moderation: every comment waits for a moderator");
        };
    }
}
