package org.talkback.publication.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.ModeratedComment;

/**
 * Queues a webhook delivery when a comment enters the moderators' queue (held, or flagged by readers), in the
 * transaction that puts it there. {@link WebhookRelay} sends it. The payload has a {@code text} field, which is
 * what Slack's and Mattermost's incoming webhooks show.
 */
@ApplicationScoped
public class QueueAlerts {
    static final String EVENT = "comment.queued";
    private static final int EXCERPT = 200;

    public record Alert(String type, UUID id, String site, UUID commentId, String status, String reason,
            String threadUrl, String author, String excerpt, String text) {
    }

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public QueueAlerts(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void queued(ModeratedComment comment, String status, String reason) {
        @SuppressWarnings("unchecked")
        List<String> urls = entityManager.createNativeQuery(
                "select webhook_url from site where id = ?1 and webhook_url is not null")
                .setParameter(1, comment.siteId).getResultList();
        if (urls.isEmpty()) {
            return;
        }
        UUID id = UUID.randomUUID();
        String body = comment.body == null ? "" : comment.body;
        String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT - 1) + "…" : body;
        Alert alert = new Alert(EVENT, id, comment.siteId, comment.id, status, reason, comment.threadUrl,
                comment.authorName, excerpt, "Comment by %s %s on %s: %s".formatted(comment.authorName,
                        status.equals(CommentStatus.FLAGGED) ? "flagged by readers" : "waiting for review",
                        comment.threadUrl, excerpt));
        try {
            entityManager.createNativeQuery(
                    "insert into webhook_delivery (id, site_id, url, payload) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, id)
                    .setParameter(2, comment.siteId)
                    .setParameter(3, urls.get(0))
                    .setParameter(4, json.writeValueAsString(alert))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
