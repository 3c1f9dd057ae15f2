package org.talkback.publication.service.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.MailLinkRepository;
import org.talkback.publication.repository.MailQueue;
import org.talkback.publication.repository.MailQueue.MailComment;
import org.talkback.publication.repository.MailQueue.Notice;
import org.talkback.publication.security.Accounts;
import org.talkback.publication.service.mail.MailViews.QueuedComment;
import org.talkback.publication.service.mail.MailViews.Reply;
import org.talkback.publication.service.mail.MailViews.SiteGroup;
import org.talkback.publication.service.mail.MailViews.ThreadGroup;

/**
 * Turns due notices into mails, a recipient at a time, in one transaction each: the notices go, the mails (with
 * their links) come. One notice makes a single mail; several make one digest, grouped by site and thread. A
 * recipient who had {@code per-recipient-per-hour} mails in the last hour gets nothing now: the notices wait until
 * the hour allows another, and then go out together.
 */
@ApplicationScoped
public class MailComposer {
    private static final Logger LOG = Logger.getLogger(MailComposer.class);
    private static final int RECIPIENTS_PER_ROUND = 50;

    private final boolean enabled;
    private final PublicationConfig.Mail config;
    private final MailQueue queue;
    private final MailLinks links;
    private final MailLinkRepository linkRows;
    private final Accounts accounts;
    private final ObjectMapper json;
    private final String messageIdDomain;
    private final Template queuedText;
    private final Template queuedHtml;
    private final Template repliesText;
    private final Template repliesHtml;
    private final Template confirmText;
    private final Template confirmHtml;

    public MailComposer(PublicationConfig config, MailQueue queue, MailLinks links, MailLinkRepository linkRows,
            Accounts accounts, ObjectMapper json, Engine templates) {
        this.linkRows = linkRows;
        this.accounts = accounts;
        this.config = config.mail();
        this.enabled = this.config.enabled();
        this.queue = queue;
        this.links = links;
        this.json = json;
        String host = URI.create(links.publicUrl()).getHost();
        this.messageIdDomain = host == null ? "talkback.invalid" : host;
        this.queuedText = templates.getTemplate("mail/queued.txt");
        this.queuedHtml = templates.getTemplate("mail/queued.html");
        this.repliesText = templates.getTemplate("mail/replies.txt");
        this.repliesHtml = templates.getTemplate("mail/replies.html");
        this.confirmText = templates.getTemplate("mail/confirm.txt");
        this.confirmHtml = templates.getTemplate("mail/confirm.html");
    }

    @Scheduled(every = "${talkback.mail.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void composeDue() {
        if (!enabled) {
            return;
        }
        List<String> recipients = QuarkusTransaction.requiringNew().call(() -> queue.dueRecipients(RECIPIENTS_PER_ROUND));
        for (String recipient : recipients) {
            try {
                QuarkusTransaction.requiringNew().run(() -> compose(recipient));
            } catch (RuntimeException e) {
                LOG.warnf(e, "composing mail failed; its notices wait for the next round");
            }
        }
    }

    /** Mails (with readers' words and addresses) and links are not kept for ever. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldMail() {
        if (!enabled) {
            return;
        }
        Instant before = Instant.now().minus(config.retention());
        QuarkusTransaction.requiringNew().run(() -> {
            queue.deleteFinishedBefore(before);
            linkRows.deleteExpiredBefore(before);
        });
    }

    private void compose(String recipient) {
        List<Notice> notices = queue.takeDue(recipient);
        if (notices.isEmpty()) {
            return;
        }
        Instant hourFullSince = queue.hourFullSince(recipient, config.perRecipientPerHour());
        if (hourFullSince != null) {
            queue.postpone(notices, hourFullSince.plus(Duration.ofHours(1)));
            return;
        }
        Set<UUID> ids = new HashSet<>();
        notices.forEach(notice -> ids.add(notice.commentId()));
        ids.remove(null);
        Map<UUID, MailComment> comments = new LinkedHashMap<>(queue.comments(ids));
        Set<UUID> parents = new HashSet<>();
        comments.values().forEach(comment -> parents.add(comment.parentId()));
        parents.remove(null);
        parents.removeAll(comments.keySet());
        comments.putAll(queue.comments(parents));

        List<Notice> queued = new ArrayList<>();
        Map<String, List<Notice>> repliesBySite = new LinkedHashMap<>();
        Map<String, Notice> confirmationsBySite = new LinkedHashMap<>();
        for (Notice notice : notices) {
            switch (notice.kind()) {
                case MailQueue.QUEUED -> queued.add(notice);
                case MailQueue.REPLY -> repliesBySite.computeIfAbsent(notice.siteId(), site -> new ArrayList<>()).add(notice);
                case MailQueue.CONFIRM_ADDRESS -> confirmationsBySite.putIfAbsent(notice.siteId(), notice);
                default -> LOG.warnf("a mail notice of unknown kind %s was dropped", notice.kind());
            }
        }
        composeQueued(recipient, queued, comments);
        repliesBySite.forEach((site, replies) -> composeReplies(recipient, site, replies, comments));
        confirmationsBySite.values().forEach(notice -> composeConfirmation(recipient, notice, comments));
        queue.delete(notices);
    }

    /** For a moderator: the comments still in the queue (one decided meanwhile is left out), with one-click links. */
    private void composeQueued(String recipient, List<Notice> notices, Map<UUID, MailComment> comments) {
        Instant expires = Instant.now().plus(config.decisionLinkLifetime());
        List<Grouped<QueuedComment>> items = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Map<String, Boolean> stillModerates = new HashMap<>();
        for (Notice notice : notices) {
            MailComment comment = comments.get(notice.commentId());
            if (comment == null || !seen.add(comment.id()) || !CommentStatus.of(comment.status()).isQueued()
                    || !stillModerates.computeIfAbsent(notice.username(), accounts::isModerator)) {
                continue; // decided meanwhile, or the account may no longer moderate (its links would not work)
            }
            Function<String, String> link = action -> links.create(MailLinks.DECIDE, comment.siteId(), comment.id(),
                    action, notice.username(), null, expires);
            items.add(new Grouped<>(comment, new QueuedComment(MailViews.statusWord(comment.status()), comment.authorName(),
                    MailViews.excerpt(comment.body()), reasons(comment, notice.reason()),
                    MailViews.history(comment.authorPublished(), comment.authorRejected(), comment.authorSpam()),
                    link.apply("approve"), link.apply("reject"), link.apply("spam"))));
        }
        if (items.isEmpty()) {
            return;
        }
        String subject = items.size() == 1
                ? "%s: %s on “%s”".formatted(items.get(0).comment().status().equals("flagged") ? "Flagged by readers"
                        : "Waiting for review", items.get(0).view().authorName(), title(items.get(0).comment()))
                : MailViews.plural(items.size(), "comment") + " waiting for review";
        Map<String, Object> data = Map.of("sites", bySiteAndThread(items), "count", items.size(),
                "consoleUrl", links.publicUrl() + "/moderation/");
        store(recipient, MailQueue.QUEUED, subject, queuedText.data(data).render(), queuedHtml.data(data).render(),
                Map.of());
    }

    /** For a reader: the replies to their comments on one site, with the unsubscribe link (RFC 8058) for that site. */
    private void composeReplies(String recipient, String siteId, List<Notice> notices, Map<UUID, MailComment> comments) {
        List<Grouped<Reply>> items = new ArrayList<>();
        for (Notice notice : notices) {
            MailComment reply = comments.get(notice.commentId());
            if (reply == null || !CommentStatus.PUBLISHED.wireName().equals(reply.status())) {
                continue; // only what readers can see now is ever mailed
            }
            MailComment parent = comments.get(reply.parentId());
            items.add(new Grouped<>(reply, new Reply(reply.authorName(), MailViews.excerpt(reply.body()),
                    reply.threadUrl() + "#comment-" + reply.id(), parent == null ? "" : MailViews.excerpt(parent.body()))));
        }
        if (items.isEmpty()) {
            return;
        }
        String unsubscribe = links.create(MailLinks.UNSUBSCRIBE, siteId, null, null, null, recipient,
                Instant.now().plus(config.unsubscribeLinkLifetime()));
        String subject = items.size() == 1
                ? "%s replied to your comment on “%s”".formatted(items.get(0).view().authorName(), title(items.get(0).comment()))
                : items.size() + " new replies to your comments";
        Map<String, Object> data = Map.of("threads", bySiteAndThread(items).get(0).threads(), "site", siteId,
                "count", items.size(), "unsubscribeUrl", unsubscribe);
        store(recipient, MailQueue.REPLY, subject, repliesText.data(data).render(), repliesHtml.data(data).render(),
                Map.of("List-Unsubscribe", "<" + unsubscribe + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    /** The one mail an unconfirmed address may get: a link to a page where its owner says yes. */
    private void composeConfirmation(String recipient, Notice notice, Map<UUID, MailComment> comments) {
        MailComment comment = comments.get(notice.commentId());
        String confirm = links.create(MailLinks.CONFIRM, notice.siteId(), notice.commentId(), null, null, recipient,
                Instant.now().plus(config.confirmationLinkLifetime()));
        Map<String, Object> data = Map.of("site", notice.siteId(),
                "threadTitle", comment == null ? "" : title(comment), "threadUrl", comment == null ? "" : comment.threadUrl(),
                "confirmUrl", confirm, "days", config.confirmationLinkLifetime().toDays());
        store(recipient, MailQueue.CONFIRM_ADDRESS, "Confirm that you want replies by email",
                confirmText.data(data).render(), confirmHtml.data(data).render(), Map.of());
    }

    private void store(String recipient, String kind, String subject, String text, String html, Map<String, String> headers) {
        UUID id = UUID.randomUUID();
        try {
            // The Message-ID is fixed here, once: if the relay dies between sending and recording it, the mail is
            // sent again with the same id, which mail clients and servers recognise as the same message.
            queue.message(id, "<" + id + "@" + messageIdDomain + ">", recipient, kind, subject, text, html,
                    json.writeValueAsString(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Grouped<T>(MailComment comment, T view) {
    }

    private static <T> List<SiteGroup<T>> bySiteAndThread(List<Grouped<T>> items) {
        Map<String, Map<String, List<Grouped<T>>>> grouped = new LinkedHashMap<>();
        for (Grouped<T> item : items) {
            grouped.computeIfAbsent(item.comment().siteId(), site -> new LinkedHashMap<>())
                    .computeIfAbsent(Objects.toString(item.comment().threadUrl(), ""), url -> new ArrayList<>()).add(item);
        }
        List<SiteGroup<T>> sites = new ArrayList<>();
        grouped.forEach((site, threads) -> {
            List<ThreadGroup<T>> groups = new ArrayList<>();
            threads.forEach((url, inThread) -> groups.add(new ThreadGroup<>(title(inThread.get(0).comment()), url,
                    inThread.stream().map(Grouped::view).toList())));
            sites.add(new SiteGroup<>(site, groups));
        });
        return sites;
    }

    private static String title(MailComment comment) {
        return MailViews.title(comment.threadTitle(), comment.threadUrl());
    }

    /** Spam-check's reasons as a moderator reads them, or why the comment is in the queue. */
    private String reasons(MailComment comment, String queuedBecause) {
        List<String> parts = new ArrayList<>();
        if (queuedBecause != null) {
            parts.add(queuedBecause);
        }
        if (comment.reasonsJson() != null) {
            try {
                for (ModeratedComment.Reason reason : json.readValue(comment.reasonsJson(),
                        new TypeReference<List<ModeratedComment.Reason>>() {
                        })) {
                    parts.add(reason.detail() == null || reason.detail().isBlank() ? reason.code()
                            : reason.code() + " (" + reason.detail() + ")");
                }
            } catch (JsonProcessingException e) {
                LOG.debugf("unreadable reasons on %s: %s", comment.id(), e.getMessage());
            }
        }
        return String.join("; ", parts);
    }
}
