package org.talkback.publication.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two durable stages of mail (tables mail_notice and mail_message, see V12__mail.sql). Every method runs in
 * the caller's transaction: a notice exists exactly when the change that causes it does, and a message exists
 * exactly when the notices it was composed from are gone.
 */
@ApplicationScoped
public class MailQueue {
    public static final String QUEUED = "queued";
    public static final String REPLY = "reply";
    public static final String CONFIRM_ADDRESS = "confirm-address";

    /** Something one recipient should hear of. */
    public record Notice(UUID id, String recipient, String kind, String siteId, UUID commentId, String username,
            String reason, Instant createdAt) {
    }

    /** A composed mail, waiting to be sent (or being sent again after a failure). */
    public record Message(UUID id, String messageId, String recipient, String subject, String text, String html,
            String headersJson, int attempts) {
    }

    /**
     * A comment as a mail tells of it, with its thread's title and, for moderators, what became of its author's
     * other comments on the site (by address, or by name when there is none).
     */
    public record MailComment(UUID id, String siteId, String threadUrl, String threadTitle, UUID parentId,
            String authorName, String authorEmail, String body, String status, String reasonsJson, Instant createdAt,
            long authorPublished, long authorRejected, long authorSpam) {
    }

    private final EntityManager entityManager;

    public MailQueue(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void notice(String recipient, String kind, String siteId, UUID commentId, String username, String reason,
            Instant dueAt) {
        entityManager.createNativeQuery("""
                insert into mail_notice (id, recipient, kind, site_id, comment_id, username, reason, due_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, recipient).setParameter(3, kind)
                .setParameter(4, siteId).setParameter(5, commentId).setParameter(6, username)
                .setParameter(7, reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500))
                .setParameter(8, dueAt).executeUpdate();
    }

    /**
     * A notice for each newly published reply whose parent's author asked for replies and confirmed the address,
     * in one statement for a delivery's replies. Nobody is told of their own reply.
     */
    public int noticeReplies(List<UUID> replyIds, Duration batchWindow) {
        if (replyIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                insert into mail_notice (id, recipient, kind, site_id, comment_id, due_at)
                select gen_random_uuid(), s.email, 'reply', r.site_id, r.id, now() + ?2 * interval '1 millisecond'
                  from comment r
                  join comment p on p.id = r.parent_id
                  join reply_subscriber s on s.site_id = p.site_id and s.email = lower(p.author_email)
                 where r.id = any (cast(?1 as uuid[])) and p.notify_replies and s.state = 'confirmed'
                   and lower(coalesce(r.author_email, '')) <> s.email
                """).setParameter(1, replyIds.toArray(UUID[]::new)).setParameter(2, batchWindow.toMillis())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Map<UUID, MailComment> comments(Collection<UUID> ids) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select c.id, c.site_id, c.thread_url, t.title, c.parent_id, c.author_name, c.author_email, c.body,
                       c.status, cast(c.reasons as text), c.created_at, h.published, h.rejected, h.spam
                  from comment c
                  left join thread t on t.site_id = c.site_id and t.url = c.thread_url
                  left join lateral (
                       select count(*) filter (where o.status = 'published') as published,
                              count(*) filter (where o.status = 'rejected') as rejected,
                              count(*) filter (where o.status = 'spam') as spam
                         from comment o
                        where o.site_id = c.site_id and o.id <> c.id
                          and case when c.author_email is not null then lower(o.author_email) = lower(c.author_email)
                                   else o.author_email is null and o.author_name = c.author_name end) h on true
                 where c.id = any (cast(?1 as uuid[]))""").setParameter(1, ids.toArray(UUID[]::new)).getResultList();
        Map<UUID, MailComment> comments = new HashMap<>();
        for (Object[] row : rows) {
            comments.put((UUID) row[0], new MailComment((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (UUID) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9],
                    SqlValues.instant(row[10]), count(row[11]), count(row[12]), count(row[13])));
        }
        return comments;
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Recipients with notices due, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<String> dueRecipients(int limit) {
        return entityManager.createNativeQuery("""
                select recipient from mail_notice where due_at <= now() group by recipient order by min(due_at) limit ?1""")
                .setParameter(1, limit).getResultList();
    }

    /** A recipient's due notices, locked (another instance composing skips them), oldest first. */
    @SuppressWarnings("unchecked")
    public List<Notice> takeDue(String recipient) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, recipient, kind, site_id, comment_id, username, reason, created_at from mail_notice
                 where recipient = ?1 and due_at <= now() order by created_at for update skip locked""")
                .setParameter(1, recipient).getResultList();
        List<Notice> notices = new ArrayList<>();
        for (Object[] row : rows) {
            notices.add(new Notice((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (UUID) row[4],
                    (String) row[5], (String) row[6], SqlValues.instant(row[7])));
        }
        return notices;
    }

    public void delete(List<Notice> notices) {
        entityManager.createNativeQuery("delete from mail_notice where id = any (cast(?1 as uuid[]))")
                .setParameter(1, notices.stream().map(Notice::id).toArray(UUID[]::new)).executeUpdate();
    }

    /** Moves notices to a later time (the recipient had enough mail this hour: they come as one digest then). */
    public void postpone(List<Notice> notices, Instant until) {
        entityManager.createNativeQuery("update mail_notice set due_at = ?2 where id = any (cast(?1 as uuid[]))")
                .setParameter(1, notices.stream().map(Notice::id).toArray(UUID[]::new)).setParameter(2, until)
                .executeUpdate();
    }

    /** When the oldest of the recipient's mails of the last hour was made, if there were at least {@code limit}. */
    public Instant hourFullSince(String recipient, int limit) {
        List<?> rows = entityManager.createNativeQuery("""
                select created_at from mail_message where recipient = ?1 and created_at > now() - interval '1 hour'
                 order by created_at desc offset ?2 - 1 limit 1""")
                .setParameter(1, recipient).setParameter(2, limit).getResultList();
        return rows.isEmpty() ? null : SqlValues.instant(rows.get(0));
    }

    public void message(UUID id, String messageId, String recipient, String kind, String subject, String text,
            String html, String headersJson) {
        entityManager.createNativeQuery("""
                insert into mail_message (id, message_id, recipient, kind, subject, text_body, html_body, headers)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb))""")
                .setParameter(1, id).setParameter(2, messageId).setParameter(3, recipient).setParameter(4, kind)
                .setParameter(5, subject.length() <= 300 ? subject : subject.substring(0, 299) + "…")
                .setParameter(6, text).setParameter(7, html).setParameter(8, headersJson).executeUpdate();
    }

    /**
     * Up to {@code limit} mails due, each leased for {@code lease} (its next attempt moved ahead), so that two
     * instances never send one at once and one that dies mid-send leaves it to be sent again when the lease ends.
     */
    @SuppressWarnings("unchecked")
    public List<Message> claim(int limit, Duration lease) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                with claimed as (
                    select id from mail_message where sent_at is null and parked_at is null and next_attempt_at <= now()
                     order by next_attempt_at limit ?1 for update skip locked)
                update mail_message m set next_attempt_at = now() + ?2 * interval '1 millisecond'
                  from claimed where m.id = claimed.id
                returning m.id, m.message_id, m.recipient, m.subject, m.text_body, m.html_body, cast(m.headers as text),
                          m.attempts""").setParameter(1, limit).setParameter(2, lease.toMillis()).getResultList();
        List<Message> messages = new ArrayList<>();
        for (Object[] row : rows) {
            messages.add(new Message((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5], (String) row[6], ((Number) row[7]).intValue()));
        }
        return messages;
    }

    /** Gives claimed mails back, to be tried again after {@code delay} (their attempts unchanged). */
    public void release(List<UUID> ids, Duration delay) {
        if (ids.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("""
                update mail_message set next_attempt_at = now() + ?2 * interval '1 millisecond'
                 where id = any (cast(?1 as uuid[])) and sent_at is null""")
                .setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, delay.toMillis()).executeUpdate();
    }

    public void sent(UUID id, int attempts) {
        entityManager.createNativeQuery("update mail_message set sent_at = now(), attempts = ?2, last_error = null where id = ?1")
                .setParameter(1, id).setParameter(2, attempts).executeUpdate();
    }

    public void retryLater(UUID id, int attempts, String error, Duration delay) {
        entityManager.createNativeQuery("""
                update mail_message set attempts = ?2, last_error = ?3, next_attempt_at = now() + ?4 * interval '1 millisecond'
                 where id = ?1""").setParameter(1, id).setParameter(2, attempts).setParameter(3, error)
                .setParameter(4, delay.toMillis()).executeUpdate();
    }

    /** Mails sent or parked before {@code before}: the log of what went out is kept only so long. */
    public int deleteFinishedBefore(Instant before) {
        return entityManager.createNativeQuery("delete from mail_message where sent_at < ?1 or parked_at < ?1")
                .setParameter(1, before).executeUpdate();
    }

    /** Kept and never sent again: refused for good by the server, or failed too often. */
    public void park(UUID id, int attempts, String error) {
        entityManager.createNativeQuery("update mail_message set parked_at = now(), attempts = ?2, last_error = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, attempts).setParameter(3, error).executeUpdate();
    }
}
