package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.talkback.platform.threads.ThreadUrls;
import org.talkback.publication.model.AuditEntry;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.AuditLog;
import org.talkback.publication.repository.ModeratedCommentRepository;

/** What moderators work through, oldest first. */
@ApplicationScoped
public class ModerationQueue {

    private final ModeratedCommentRepository comments;
    private final AuditLog audit;

    public ModerationQueue(ModeratedCommentRepository comments, AuditLog audit) {
        this.comments = comments;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public QueueView page(String siteId, CommentStatus state, String threadUrl, int limit, Optional<Cursor> cursor) {
        Optional<String> thread = Optional.ofNullable(threadUrl).filter(url -> !url.isBlank())
                .map(url -> ThreadUrls.canonical(url).orElse(url));
        List<ModeratedComment> rows = comments.queue(siteId, state, thread, cursor.map(Cursor::createdAt),
                cursor.map(Cursor::id), limit + 1);
        Cursor.Page<ModeratedComment> page = Cursor.page(rows, limit, row -> new Cursor(row.createdAt, row.id));
        return new QueueView(page.rows().stream().map(this::item).toList(), page.nextCursor());
    }

    /**
     * A comment's history oldest first, or a site's newest first (what a moderator checks after a shift), with the
     * cursor of the next page.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Cursor.Page<AuditEntry> audit(String siteId, UUID commentId, Long cursor, int limit) {
        List<AuditEntry> entries = audit.entries(siteId, commentId, cursor, limit + 1);
        boolean more = entries.size() > limit;
        List<AuditEntry> page = more ? entries.subList(0, limit) : entries;
        return new Cursor.Page<>(page, more ? Long.toString(page.get(limit - 1).id()) : null);
    }

    private QueueView.Item item(ModeratedComment c) {
        return new QueueView.Item(
                new QueueView.Comment(c.id, c.threadUrl, c.parentId, new QueueView.Author(c.authorName, c.authorEmail,
                        c.authorUrl), c.body, c.createdAt, c.status, c.version),
                new QueueView.Verdict(c.verdict, c.score, c.reasons),
                comments.flags(c.id),
                new QueueView.AuthorHistory(
                        comments.countByAuthor(c.siteId, c.authorEmail, CommentStatus.PUBLISHED),
                        comments.countByAuthor(c.siteId, c.authorEmail, CommentStatus.REJECTED)));
    }
}
