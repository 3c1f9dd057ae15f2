package org.talkback.intake.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.talkback.intake.model.ModerationStatus;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.intake.repository.IdempotencyKeys;
import org.talkback.intake.repository.ThreadRepository;
import org.talkback.platform.events.EventsConfig;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.threads.ThreadPosition;

/** Takes readers' comments: one transaction stores the comment and the event that sends it to be checked. */
@ApplicationScoped
public class CommentService {
    private static final ObjectMapper REQUEST_JSON = new ObjectMapper();

    private final CommentValidator validator;
    private final AbuseGuard abuse;
    private final ThreadRepository threads;
    private final CommentRepository comments;
    private final IdempotencyKeys idempotencyKeys;
    private final Outbox outbox;
    private final SiteSettings sites;
    private final String tokenSecret;

    public CommentService(CommentValidator validator, AbuseGuard abuse, ThreadRepository threads,
            CommentRepository comments, IdempotencyKeys idempotencyKeys, Outbox outbox, SiteSettings sites,
            EventsConfig events) {
        this.sites = sites;
        this.validator = validator;
        this.abuse = abuse;
        this.threads = threads;
        this.comments = comments;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.tokenSecret = events.secret();
    }

    /** The stored comment and the edit token, which exists only in this answer (and its idempotent repeats). */
    public record Submission(Comment comment, String editToken) {
    }

    /**
     * Stores a new comment. With an idempotency key, a repeat of the same request answers as the first one did
     * and stores nothing; the same key with a different request is refused (422), and a repeat racing the first
     * one loses on the key's primary key and is told to retry (409), which rolls back its comment.
     */
    @Transactional
    public Submission submit(CommentRequest request, ClientContext client, String idempotencyKey) {
        CommentValidator.ValidComment valid = validator.validate(request);
        if (client.origin() != null && !sites.allows(valid.site().id, client.origin())) {
            // A browser on a page this site does not list: someone else's page embedding our form.
            throw ProblemException.forbidden("Pages from this origin may not post to site " + valid.site().id + ".");
        }
        String requestHash = idempotencyKey == null ? null : hashOf(request);
        if (idempotencyKey != null) {
            Optional<Submission> first = idempotencyKeys.find(valid.site().id, idempotencyKey)
                    .map(stored -> replay(stored, requestHash, valid.site().id, idempotencyKey));
            if (first.isPresent()) {
                return first.get();
            }
        }
        if (sites.refuses(valid.site(), valid.authorEmail(), valid.authorName(), client.address())) {
            throw ProblemException.forbidden("You may not comment on this site.");
        }
        CommentThread thread = threads.findOrCreate(valid.site().id, valid.threadUrl(), valid.threadTitle());
        if (thread.isClosed()) {
            throw ProblemException.conflict("This thread is closed to new comments.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String bodyHash = EditTokens.hash(valid.body());
        abuse.checkAuthorHistory(valid.site(), thread.id, valid.authorName(), valid.authorEmail(), client.address(),
                bodyHash, now);
        Comment comment = newComment(valid, thread, client, bodyHash, now);
        String token = idempotencyKey == null ? EditTokens.newToken()
                : EditTokens.forIdempotentRequest(tokenSecret, comment.siteId, idempotencyKey, comment.id);
        comment.editTokenHash = EditTokens.hash(token);
        comments.persist(comment);
        if (idempotencyKey != null && !idempotencyKeys.claim(comment.siteId, idempotencyKey, requestHash, comment.id)) {
            throw ProblemException.conflict("A request with this Idempotency-Key is still being processed; retry it.");
        }
        outbox.publish(comment.siteId, submittedEvent(comment, thread, valid, now));
        return new Submission(comment, token);
    }

    /** The author's view, only for the holder of the edit token; a wrong token looks like no comment at all. */
    @Transactional
    public Optional<Comment> findForAuthor(UUID id, String editToken) {
        return comments.findByIdOptional(id)
                .filter(comment -> !comment.isRetracted())
                .filter(comment -> EditTokens.matches(editToken, comment.editTokenHash));
    }

    private Submission replay(IdempotencyKeys.Stored stored, String requestHash, String siteId, String key) {
        if (!stored.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "Unprocessable Content",
                    "This Idempotency-Key was used for a different request.", List.of());
        }
        Comment comment = comments.findById(stored.commentId());
        return new Submission(comment, EditTokens.forIdempotentRequest(tokenSecret, siteId, key, comment.id));
    }

    private Comment newComment(CommentValidator.ValidComment valid, CommentThread thread, ClientContext client,
            String bodyHash, Instant now) {
        Comment comment = new Comment();
        comment.id = UUID.randomUUID();
        comment.threadId = thread.id;
        comment.siteId = valid.site().id;
        comment.parentId = valid.parentId();
        Comment parent = valid.parentId() == null ? null : parentInThread(valid, thread);
        comment.depth = parent == null ? 0 : parent.depth + 1;
        comment.threadPosition = parent == null ? ThreadPosition.topLevel(now, comment.id)
                : ThreadPosition.replyTo(parent.threadPosition, now, comment.id);
        comment.authorName = valid.authorName();
        comment.authorEmail = valid.authorEmail();
        comment.authorUrl = valid.authorUrl();
        comment.body = valid.body();
        comment.bodyHash = bodyHash;
        comment.revision = 1;
        comment.status = ModerationStatus.PENDING.wireName();
        comment.clientIp = client.address();
        comment.userAgent = truncate(client.userAgent(), 512);
        comment.referrer = truncate(client.referrer(), 2048);
        comment.createdAt = now;
        comment.editableUntil = now.plusSeconds(valid.site().editWindowSeconds);
        return comment;
    }

    private Comment parentInThread(CommentValidator.ValidComment valid, CommentThread thread) {
        Comment parent = comments.findById(valid.parentId());
        if (parent == null || !parent.threadId.equals(thread.id) || parent.isRetracted()) {
            throw ProblemException.invalid(List.of(new FieldError("parentId", "is not a comment of this thread")));
        }
        if (parent.depth + 1 > valid.site().maxReplyDepth) {
            throw ProblemException.invalid(List.of(new FieldError("parentId",
                    "replies may nest at most " + valid.site().maxReplyDepth + " deep on this site")));
        }
        return parent;
    }

    private static CommentSubmitted submittedEvent(Comment comment, CommentThread thread,
            CommentValidator.ValidComment valid, Instant now) {
        Double secondsToSubmit = valid.formRenderedAt() == null ? null
                : Duration.between(valid.formRenderedAt(), now).toMillis() / 1000.0;
        return new CommentSubmitted(comment.id, comment.revision, thread.id, thread.url, thread.title,
                comment.parentId, comment.depth, comment.threadPosition,
                new CommentSubmitted.Author(comment.authorName, comment.authorEmail, comment.authorUrl),
                comment.body, comment.createdAt, comment.clientIp, comment.userAgent, comment.referrer,
                permalink(thread, comment), new CommentSubmitted.Signals(valid.honeypotFilled(), secondsToSubmit),
                valid.notifyReplies());
    }

    static String permalink(CommentThread thread, Comment comment) {
        return thread.url + "#comment-" + comment.id;
    }

    /** The request as parsed (not as sent), so that whitespace or field order in a retry does not matter. */
    private static String hashOf(CommentRequest request) {
        try {
            return EditTokens.hash(REQUEST_JSON.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
