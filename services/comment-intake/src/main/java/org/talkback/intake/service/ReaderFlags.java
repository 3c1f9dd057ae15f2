package org.talkback.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.talkback.intake.events.AuthorChangeEvents.CommentFlagged;
import org.talkback.intake.model.Comment;
import org.talkback.intake.repository.CommentRepository;
import org.talkback.intake.repository.FlagRepository;
import org.talkback.intake.repository.ThreadRepository;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;

/** Readers' reports: one per reader per comment, each an event that publication counts. */
@ApplicationScoped
public class ReaderFlags {
    public static final Set<String> REASONS = Set.of("spam", "abuse", "off-topic", "illegal", "other");
    private static final int MAX_NOTE = 500;

    private final CommentRepository comments;
    private final ThreadRepository threads;
    private final FlagRepository flags;
    private final Outbox outbox;

    public ReaderFlags(CommentRepository comments, ThreadRepository threads, FlagRepository flags, Outbox outbox) {
        this.comments = comments;
        this.threads = threads;
        this.flags = flags;
        this.outbox = outbox;
    }

    /**
     * Records a report. A reader is known by client address and, when the widget sends one, by its reader id;
     * either one seen before on this comment makes it a repeat (409), so clearing the id or changing networks
     * alone does not make a second vote.
     */
    @Transactional
    public UUID flag(UUID commentId, String reason, String note, ClientContext client, String readerId) {
        String cleanNote = note == null ? null : ReaderText.clean(note);
        if (reason == null || !REASONS.contains(reason)) {
            throw ProblemException.invalid(List.of(new FieldError("reason", "must be one of " + String.join(", ",
                    REASONS.stream().sorted().toList()))));
        }
        if (cleanNote != null && (cleanNote.length() > MAX_NOTE || note.indexOf('\u0000') >= 0)) {
            throw ProblemException.invalid(List.of(new FieldError("note", "must be at most " + MAX_NOTE
                    + " characters of text")));
        }
        Comment comment = comments.findById(commentId);
        if (comment == null || comment.isRetracted()) {
            throw ProblemException.notFound("No such comment.");
        }
        UUID flagId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean recorded = flags.record(flagId, commentId, reason, blankToNull(cleanNote),
                client.address() == null ? "" : client.address(), readerId, now);
        if (!recorded) {
            throw ProblemException.conflict("You have already reported this comment.");
        }
        outbox.publish(comment.siteId, new CommentFlagged(commentId, flagId, threads.findById(comment.threadId).url, reason,
                        blankToNull(cleanNote), now));
        return flagId;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
