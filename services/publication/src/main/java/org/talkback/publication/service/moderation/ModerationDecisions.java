package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.ModeratedCommentRepository;

/**
 * Moderators' decisions on single comments. Optimistic concurrency: a moderator decides on the version they
 * saw, and when two act on one comment the second is told (409) rather than silently overruling the first.
 */
@ApplicationScoped
public class ModerationDecisions {
    /** What each action makes of a comment. */
    public static final Map<String, CommentStatus> OUTCOMES = Map.of(
            "approve", CommentStatus.PUBLISHED,
            "ham", CommentStatus.PUBLISHED,
            "reject", CommentStatus.REJECTED,
            "spam", CommentStatus.SPAM);

    public record Decided(UUID id, CommentStatus status, int version) {
    }

    private final ModeratedCommentRepository comments;
    private final PublicationService publication;

    public ModerationDecisions(ModeratedCommentRepository comments, PublicationService publication) {
        this.comments = comments;
        this.publication = publication;
    }

    public static void validate(String action, String reason) {
        if (action == null || !OUTCOMES.containsKey(action)) {
            throw ProblemException.invalid(List.of(new FieldError("action", "must be one of approve, reject, spam, ham")));
        }
        if (reason != null && reason.length() > 500) {
            throw ProblemException.invalid(List.of(new FieldError("reason", "must be at most 500 characters")));
        }
    }

    @Transactional
    public Decided decide(UUID id, int seenVersion, String action, String reason, String moderator) {
        validate(action, reason);
        ModeratedComment comment = comments.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null) {
            throw ProblemException.notFound("No comment " + id + ".");
        }
        if (comment.retractedAt != null) {
            throw ProblemException.conflict("Its author deleted this comment.");
        }
        if (!comment.hasText()) {
            throw ProblemException.conflict("This comment's text has not arrived yet; decide when it is in the queue.");
        }
        if (comment.version != seenVersion) {
            throw ProblemException.conflict("Someone changed this comment since version " + seenVersion + "; it is now "
                    + comment.status + " at version " + comment.version + ".");
        }
        publication.moderate(comment, OUTCOMES.get(action), moderator, action, reason);
        return new Decided(comment.id, comment.status, comment.version);
    }
}
