package org.talkback.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.talkback.intake.events.CommentSubmitted;
import org.talkback.intake.model.Comment;
import org.talkback.intake.model.CommentThread;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.intake.repository.ThreadRepository;
import org.talkback.intake.rest.CommentRequest;
import org.talkback.platform.events.EventTypes;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;

/** Takes readers' comments: one transaction stores the comment and the event that sends it to be checked. */
@ApplicationScoped
public class CommentService {

    private final CommentValidator validator;
    private final ThreadRepository threads;
    private final CommentRepository comments;
    private final Outbox outbox;

    public CommentService(CommentValidator validator, ThreadRepository threads, CommentRepository comments, Outbox outbox) {
        this.validator = validator;
        this.threads = threads;
        this.comments = comments;
        this.outbox = outbox;
    }

    /** The stored comment and the edit token, which exists only in this answer. */
    public record Submission(Comment comment, String editToken) {
    }

    @Transactional
    public Submission submit(CommentRequest request, ClientContext client) {
        CommentValidator.ValidComment valid = validator.validate(request);
        CommentThread thread = threads.findOrCreate(valid.site().id, valid.threadUrl(), valid.threadTitle());
        if (thread.isClosed()) {
            throw ProblemException.conflict("This thread is closed to new comments.");
        }
        if (valid.parentId() != null) {
            Comment parent = comments.findById(valid.parentId());
            if (parent == null || !parent.threadId.equals(thread.id)) {
                throw ProblemException.invalid(List.of(new FieldError("parentId", "is not a comment of this thread")));
            }
        }
        String token = EditTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Comment comment = new Comment();
        comment.id = UUID.randomUUID();
        comment.threadId = thread.id;
        comment.siteId = valid.site().id;
        comment.parentId = valid.parentId();
        comment.authorName = valid.authorName();
        comment.authorEmail = valid.authorEmail();
        comment.authorUrl = valid.authorUrl();
        comment.body = valid.body();
        comment.status = "pending";
        comment.editTokenHash = EditTokens.hash(token);
        comment.clientIp = client.address();
        comment.userAgent = truncate(client.userAgent(), 512);
        comment.referrer = truncate(client.referrer(), 2048);
        comment.createdAt = now;
        comment.editableUntil = now.plusSeconds(valid.site().editWindowSeconds);
        comments.persist(comment);

        outbox.publish(EventTypes.AGGREGATE_COMMENT, comment.id.toString(), EventTypes.COMMENT_SUBMITTED,
                comment.siteId, submittedEvent(comment, thread, valid, now));
        return new Submission(comment, token);
    }

    /** The author's view, only for the holder of the edit token; a wrong token looks like no comment at all. */
    @Transactional
    public Optional<Comment> findForAuthor(UUID id, String editToken) {
        return comments.findByIdOptional(id).filter(comment -> EditTokens.matches(editToken, comment.editTokenHash));
    }

    private static CommentSubmitted submittedEvent(Comment comment, CommentThread thread,
            CommentValidator.ValidComment valid, Instant now) {
        Double secondsToSubmit = valid.formRenderedAt() == null ? null
                : Duration.between(valid.formRenderedAt(), now).toMillis() / 1000.0;
        return new CommentSubmitted(comment.id, thread.id, thread.url, thread.title, comment.parentId,
                new CommentSubmitted.Author(comment.authorName, comment.authorEmail, comment.authorUrl),
                comment.body, comment.createdAt, comment.clientIp, comment.userAgent, comment.referrer,
                thread.url + "#comment-" + comment.id,
                new CommentSubmitted.Signals(valid.honeypotFilled(), secondsToSubmit));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
