package org.talkback.publication.service.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.talkback.platform.outbox.Backoff;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.repository.MailQueue;
import org.talkback.publication.repository.MailQueue.Message;

/**
 * Sends composed mails through Quarkus Mailer (SMTP). A mail is leased while it is sent ({@link MailQueue#claim});
 * a failure to reach the server, or a temporary refusal (4xx), is retried with backoff as the outbox relay's are;
 * a permanent refusal (5xx: no such mailbox, relaying denied) parks the mail at once, as does the last attempt.
 * SMTP down means mails wait, none lost; each keeps its Message-ID, so a resend after a crash is recognisable.
 */
@ApplicationScoped
public class MailRelay {
    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int ERROR_TEXT_LIMIT = 500;

    private final boolean enabled;
    private final MailQueue queue;
    private final Mailer mailer;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final int maxAttempts;

    public MailRelay(PublicationConfig config, MailQueue queue, Mailer mailer, ObjectMapper json) {
        this.enabled = config.mail().enabled();
        this.queue = queue;
        this.mailer = mailer;
        this.json = json;
        this.backoff = new Backoff(config.mail().backoff(), Duration.ofHours(1));
        this.maxAttempts = config.mail().maxAttempts();
    }

    void announce(@Observes StartupEvent start, PublicationConfig config) {
        PublicationConfig.Mail mail = config.mail();
        if (enabled) {
            LOG.infof("mail on: SMTP %s:%d, TLS %s, links to %s", mail.smtpHost().get(), mail.smtpPort(),
                    mail.smtpTls().orElse("when offered"), mail.publicUrl());
        } else {
            LOG.info("mail off: no TALKBACK_SMTP_HOST, nothing is queued or sent");
        }
    }

    @Scheduled(every = "${talkback.mail.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (!enabled) {
            return;
        }
        List<Message> due;
        do {
            due = QuarkusTransaction.requiringNew().call(() -> queue.claim(BATCH, LEASE));
            for (int i = 0; i < due.size(); i++) {
                Duration unreachable = send(due.get(i));
                if (unreachable != null) {
                    // The server cannot be reached: the rest of the batch would only wait for the same timeout,
                    // one after the other, past their lease. They go back, to be tried with the first one.
                    List<UUID> rest = due.subList(i + 1, due.size()).stream().map(Message::id).toList();
                    QuarkusTransaction.requiringNew().run(() -> queue.release(rest, unreachable));
                    return;
                }
            }
        } while (due.size() == BATCH);
    }

    /** Sends one mail and records the outcome; returns the retry delay when the server could not be reached. */
    private Duration send(Message message) {
        int attempts = message.attempts() + 1;
        try {
            Mail mail = Mail.withText(message.recipient(), message.subject(), message.text()).setHtml(message.html());
            mail.addHeader("Message-ID", message.messageId());
            // RFC 3834: no vacation replies or other auto-answers to a machine's mail.
            mail.addHeader("Auto-Submitted", "auto-generated");
            headers(message).forEach(mail::addHeader);
            mailer.send(mail);
        } catch (RuntimeException e) {
            failed(message, attempts, e);
            return refusal(e) == null ? backoff.after(attempts) : null;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> queue.sent(message.id(), attempts));
        } catch (RuntimeException e) {
            // The lease runs out and the mail goes again, with the same Message-ID.
            LOG.warnf("recording mail %s as sent failed (it will be sent again): %s", message.messageId(), e.getMessage());
        }
        return null;
    }

    private void failed(Message message, int attempts, RuntimeException failure) {
        SMTPException refusal = refusal(failure);
        String error = shorten(refusal != null ? "SMTP " + refusal.getReplyCode() + ": " + refusal.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        boolean permanent = refusal != null && refusal.isPermanent();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (permanent || attempts >= maxAttempts) {
                    queue.park(message.id(), attempts, error);
                } else {
                    queue.retryLater(message.id(), attempts, error, backoff.after(attempts));
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("recording a failed mail failed (it will be tried again): %s", e.getMessage());
        }
        LOG.infof("mail %s to %s failed (attempt %d%s): %s", message.messageId(), message.recipient(), attempts,
                permanent ? ", refused for good: parked" : "", error);
    }

    private static SMTPException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }

    private Map<String, String> headers(Message message) {
        try {
            return json.readValue(message.headersJson(), new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable headers of mail " + message.messageId(), e);
        }
    }

    private static String shorten(String error) {
        return error.length() > ERROR_TEXT_LIMIT ? error.substring(0, ERROR_TEXT_LIMIT) : error;
    }
}
