package org.talkback.publication.service.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.repository.WebhookDeliveries;

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

    private final SiteRepository sites;
    private final WebhookDeliveries deliveries;
    private final ObjectMapper json;

    public QueueAlerts(SiteRepository sites, WebhookDeliveries deliveries, ObjectMapper json) {
        this.sites = sites;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void queued(ModeratedComment comment, CommentStatus status, String reason) {
        Optional<String> url = sites.webhookUrl(comment.siteId);
        if (url.isEmpty()) {
            return;
        }
        UUID id = UUID.randomUUID();
        String body = comment.body == null ? "" : comment.body;
        String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT - 1) + "…" : body;
        Alert alert = new Alert(EVENT, id, comment.siteId, comment.id, status.wireName(), reason, comment.threadUrl,
                comment.authorName, excerpt, "Comment by %s %s on %s: %s".formatted(comment.authorName,
                        status == CommentStatus.FLAGGED ? "flagged by readers" : "waiting for review",
                        comment.threadUrl, excerpt));
        try {
            deliveries.queue(id, comment.siteId, url.get(), json.writeValueAsString(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
