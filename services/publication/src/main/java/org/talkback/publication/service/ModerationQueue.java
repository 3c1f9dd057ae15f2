package org.talkback.publication.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.talkback.platform.threads.ThreadUrls;
import java.util.List;
import java.util.Optional;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.ModeratedCommentRepository;
import org.talkback.publication.rest.QueueView;

/** What moderators work through, oldest first. */
@ApplicationScoped
public class ModerationQueue {

    private final ModeratedCommentRepository comments;

    public ModerationQueue(ModeratedCommentRepository comments) {
        this.comments = comments;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public QueueView page(String siteId, String state, String threadUrl, int limit, Optional<Cursor> cursor) {
        Optional<String> thread = Optional.ofNullable(threadUrl).filter(url -> !url.isBlank())
                .map(url -> ThreadUrls.canonical(url).orElse(url));
        List<ModeratedComment> rows = comments.queue(siteId, state, thread, cursor.map(Cursor::createdAt),
                cursor.map(Cursor::id), limit + 1);
        Cursor.Page<ModeratedComment> page = Cursor.page(rows, limit, row -> new Cursor(row.createdAt, row.id));
        return new QueueView(page.rows().stream().map(this::item).toList(), page.nextCursor());
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
