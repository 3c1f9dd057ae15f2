package org.talkback.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.talkback.intake.events.AuthorChangeEvents.CommentEdited;
import org.talkback.intake.events.AuthorChangeEvents.CommentRetracted;
import org.talkback.intake.events.CommentSubmitted;
import org.talkback.intake.model.Comment;
import org.talkback.intake.model.CommentThread;
import org.talkback.intake.model.ModerationStatus;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.intake.repository.ThreadRepository;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.ProblemException;

/** What an author may do with their own comment, holding its edit token, inside the site's edit window. */
@ApplicationScoped
public class AuthorChanges {

    private final CommentRepository comments;
    private final ThreadRepository threads;
    private final CommentValidator validator;
    private final Outbox outbox;

    public AuthorChanges(CommentRepository comments, ThreadRepository threads, CommentValidator validator,
            Outbox outbox) {
        this.comments = comments;
        this.threads = threads;
        this.validator = validator;
        this.outbox = outbox;
    }

    /** A new text, checked for spam again; until the new verdict, readers keep seeing the previous one. */
    @Transactional
    public Comment edit(UUID id, String editToken, String newBody, ClientContext client) {
        Comment comment = changeable(id, editToken);
        String body = validator.validateBody(newBody);
        if (body.equals(comment.body)) {
            return comment;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        comment.body = body;
        comment.bodyHash = EditTokens.hash(body);
        comment.revision++;
        comment.editedAt = now;
        comment.status = ModerationStatus.PENDING.wireName();
        CommentThread thread = threads.findById(comment.threadId);
        outbox.publish(comment.siteId, new CommentEdited(comment.id, comment.revision, thread.id, thread.url, comment.parentId,
                        new CommentSubmitted.Author(comment.authorName, comment.authorEmail, comment.authorUrl),
                        body, now, client.address(), CommentService.truncate(client.userAgent(), 512),
                        CommentService.truncate(client.referrer(), 2048), CommentService.permalink(thread, comment),
                        "edit"));
        return comment;
    }

    /** The author takes the comment back: it leaves the thread and the queue, and its text is no longer served. */
    @Transactional
    public void retract(UUID id, String editToken) {
        Comment comment = changeable(id, editToken);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        comment.retractedAt = now;
        comment.status = ModerationStatus.RETRACTED.wireName();
        CommentThread thread = threads.findById(comment.threadId);
        outbox.publish(comment.siteId, new CommentRetracted(comment.id, thread.url, now));
    }

    /**
     * The comment, locked, if the token is right and it may still change. A wrong token answers like an unknown
     * id, so nobody can probe for comment ids; a rejected comment cannot be edited back into the queue.
     */
    private Comment changeable(UUID id, String editToken) {
        Comment comment = comments.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null || comment.isRetracted() || !EditTokens.matches(editToken, comment.editTokenHash)) {
            throw ProblemException.notFound("No comment with this id and edit token.");
        }
        if (Instant.now().isAfter(comment.editableUntil)) {
            throw ProblemException.conflict("The edit window for this comment closed at " + comment.editableUntil + ".");
        }
        if (comment.moderationStatus().isRejected()) {
            throw ProblemException.conflict("This comment was rejected by the moderators and cannot be changed.");
        }
        return comment;
    }
}
