package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.talkback.publication.model.PublishedComment;

@ApplicationScoped
public class PublishedCommentRepository implements PanacheRepositoryBase<PublishedComment, UUID> {

    /** One page of a thread, oldest first, after the (createdAt, id) cursor if one is given. */
    public List<PublishedComment> page(String siteId, String threadUrl, Instant afterCreated, UUID afterId, int limit) {
        if (afterCreated != null) {
            return find("siteId = ?1 and threadUrl = ?2 and (createdAt > ?3 or (createdAt = ?3 and commentId > ?4)) "
                    + "order by createdAt, commentId", siteId, threadUrl, afterCreated, afterId).page(0, limit).list();
        }
        return find("siteId = ?1 and threadUrl = ?2 order by createdAt, commentId", siteId, threadUrl)
                .page(0, limit).list();
    }

    /** What showing a comment did to its thread's read model. */
    public enum Shown { NEW, TEXT_CHANGED }

    /**
     * Puts rendered comments in the read model in one statement: new ones are inserted, ones shown already get
     * the new text in place (keeping their place in the thread) if it differs. Answers, per comment that changed,
     * whether it is new; a comment shown again with the same text (a moderator clearing a flag) is not listed.
     */
    public Map<UUID, Shown> showAll(List<PublishedComment> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> changed = getEntityManager().createNativeQuery("""
                insert into published_comment (comment_id, site_id, thread_url, parent_id, thread_position,
                                               author_name, author_url, body_html, created_at)
                select id, site, url, parent, position, author, author_url, html, cast(created as timestamptz)
                  from unnest(cast(?1 as uuid[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as uuid[]),
                              cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]),
                              cast(?9 as text[]))
                       as given (id, site, url, parent, position, author, author_url, html, created)
                 order by id
                on conflict (comment_id) do update set body_html = excluded.body_html, edited_at = now()
                 where published_comment.body_html is distinct from excluded.body_html
                returning comment_id, xmax = 0
                """)
                // xmax = 0: the row version was inserted by this statement, not updated (PostgreSQL's system column).
                .setParameter(1, rows.stream().map(row -> row.commentId).toArray(UUID[]::new))
                .setParameter(2, rows.stream().map(row -> row.siteId).toArray(String[]::new))
                .setParameter(3, rows.stream().map(row -> row.threadUrl).toArray(String[]::new))
                .setParameter(4, rows.stream().map(row -> row.parentId).toArray(UUID[]::new))
                .setParameter(5, rows.stream().map(row -> row.threadPosition).toArray(String[]::new))
                .setParameter(6, rows.stream().map(row -> row.authorName).toArray(String[]::new))
                .setParameter(7, rows.stream().map(row -> row.authorUrl).toArray(String[]::new))
                .setParameter(8, rows.stream().map(row -> row.bodyHtml).toArray(String[]::new))
                .setParameter(9, rows.stream().map(row -> row.createdAt.toString()).toArray(String[]::new))
                .getResultList();
        Map<UUID, Shown> outcome = new HashMap<>();
        for (Object[] row : changed) {
            outcome.put((UUID) row[0], Boolean.TRUE.equals(row[1]) ? Shown.NEW : Shown.TEXT_CHANGED);
        }
        return outcome;
    }

    /** Takes comments out of the read model; answers those that were in it. */
    public Set<UUID> removeAll(Collection<UUID> commentIds) {
        if (commentIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> removed = getEntityManager().createNativeQuery(
                "delete from published_comment where comment_id = any (cast(?1 as uuid[])) returning comment_id", UUID.class)
                .setParameter(1, commentIds.stream().sorted().toArray(UUID[]::new)).getResultList();
        return new HashSet<>(removed);
    }
}
