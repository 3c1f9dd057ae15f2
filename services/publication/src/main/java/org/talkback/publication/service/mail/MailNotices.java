package org.talkback.publication.service.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.model.Account;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.MailQueue;
import org.talkback.publication.repository.ReplySubscribers;
import org.talkback.publication.security.Accounts;

/**
 * Who should hear of a change, written as notices in the transaction that makes the change (the outbox idea:
 * a rolled-back decision mails nobody, a committed one is never forgotten). {@link MailComposer} turns due
 * notices into mails. Without an SMTP host nothing is written: mail is off.
 */
@ApplicationScoped
public class MailNotices {
    private final boolean enabled;
    private final PublicationConfig.Mail config;
    private final Accounts accounts;
    private final MailQueue queue;
    private final ReplySubscribers subscribers;

    public MailNotices(PublicationConfig config, Accounts accounts, MailQueue queue, ReplySubscribers subscribers) {
        this.config = config.mail();
        this.enabled = this.config.enabled();
        this.accounts = accounts;
        this.queue = queue;
        this.subscribers = subscribers;
    }

    /** A comment entered the moderators' queue (held, or flagged by readers): each mailed moderator hears of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queued(ModeratedComment comment, String reason) {
        if (!enabled) {
            return;
        }
        Instant now = Instant.now();
        for (Account moderator : accounts.mailedModerators()) {
            queue.notice(moderator.email(), MailQueue.QUEUED, comment.siteId, comment.id, moderator.username(), reason,
                    dueAt(moderator.mailPreference(), now, config.dailyDigestHour()));
        }
    }

    /**
     * The author of a comment that was just decided (published or held, never spam) asked to hear of replies:
     * the first time, their address gets a confirmation mail (double opt-in), within the rate limits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wantsReplies(ModeratedComment comment) {
        if (!enabled || !comment.notifyReplies || comment.authorEmail == null) {
            return;
        }
        String email = comment.authorEmail.toLowerCase(Locale.ROOT);
        if (subscribers.confirmationAllowed(comment.siteId, email, comment.clientIp,
                config.confirmationsPerAddressPerDay(), config.confirmationsPerClientPerHour())) {
            queue.notice(email, MailQueue.CONFIRM_ADDRESS, comment.siteId, comment.id, null, null, Instant.now());
        }
    }

    /** Replies shown for the first time: their parents' confirmed authors hear of them, a few together. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void repliesPublished(List<UUID> replyIds) {
        if (enabled) {
            queue.noticeReplies(replyIds, config.replyBatchWindow());
        }
    }

    /** When a notice for a moderator with this preference goes out: now, at the next full hour, or the next morning. */
    static Instant dueAt(String preference, Instant now, int dailyHour) {
        return switch (preference) {
            case "hourly" -> now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
            case "daily" -> {
                ZonedDateTime today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(dailyHour);
                yield (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
            }
            default -> now;
        };
    }
}
