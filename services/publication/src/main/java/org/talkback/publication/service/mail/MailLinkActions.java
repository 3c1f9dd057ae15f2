package org.talkback.publication.service.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.AuditEntry;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.repository.AuditLog;
import org.talkback.publication.repository.MailLinkRepository;
import org.talkback.publication.repository.MailLinkRepository.Link;
import org.talkback.publication.repository.ModeratedCommentRepository;
import org.talkback.publication.repository.ReplySubscribers;
import org.talkback.publication.security.Accounts;
import org.talkback.publication.service.moderation.ModerationDecisions;
import org.talkback.publication.service.moderation.PublicationService;

/**
 * What the links in mails do. Opening one ({@code show…}) only shows a page: mail scanners open every link, so
 * nothing may happen on a GET. The page's button POSTs, and that ({@code use…}) decides, confirms or unsubscribes.
 * A forged, expired, used or other site's link is refused and changes nothing.
 */
@ApplicationScoped
public class MailLinkActions {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String MAIL_REASON = "decided from the link in a mail";

    /** A page to show: its HTTP status, what it says, and a button when there is something to confirm. */
    public record Page(int status, String title, String message, String meta, String excerpt, String button) {
        static Page of(String title, String message) {
            return new Page(200, title, message, null, null, null);
        }
    }

    private final MailLinks links;
    private final MailLinkRepository linkRows;
    private final ModeratedCommentRepository comments;
    private final ReplySubscribers subscribers;
    private final PublicationService publication;
    private final AuditLog audit;
    private final Accounts accounts;

    public MailLinkActions(MailLinks links, MailLinkRepository linkRows, ModeratedCommentRepository comments,
            ReplySubscribers subscribers, PublicationService publication, AuditLog audit, Accounts accounts) {
        this.links = links;
        this.linkRows = linkRows;
        this.comments = comments;
        this.subscribers = subscribers;
        this.publication = publication;
        this.audit = audit;
        this.accounts = accounts;
    }

    /** What opening a link shows; an unknown purpose is a link that is not valid. */
    @Transactional
    public Page show(String siteId, String purpose, String token) {
        return switch (purpose) {
            case MailLinks.DECIDE -> showDecision(siteId, token);
            case MailLinks.CONFIRM -> showConfirmation(siteId, token);
            case MailLinks.UNSUBSCRIBE -> showUnsubscribe(siteId, token);
            default -> throw notValid();
        };
    }

    /** What the page's button (or an RFC 8058 POST) does, in one transaction with its checks. */
    @Transactional
    public Page use(String siteId, String purpose, String token) {
        return switch (purpose) {
            case MailLinks.DECIDE -> decide(siteId, token);
            case MailLinks.CONFIRM -> confirm(siteId, token);
            case MailLinks.UNSUBSCRIBE -> unsubscribe(siteId, token);
            default -> throw notValid();
        };
    }

    private Page showDecision(String siteId, String token) {
        Link link = genuine(siteId, MailLinks.DECIDE, token, false);
        ModeratedComment comment = comments.findById(link.commentId());
        Page decided = alreadyDecided(link, comment);
        if (decided != null) {
            return decided;
        }
        String verb = verb(link.action());
        return new Page(200, verb + " this comment?", "By " + comment.authorName + " on " + comment.threadUrl
                + ". You act as " + link.username() + "; readers " + (link.action().equals("approve")
                        ? "will see it at once." : "will not see it."),
                "It is " + MailViews.statusWord(comment.status.wireName()) + ".", MailViews.excerpt(comment.body), verb);
    }

    private Page decide(String siteId, String token) {
        Link link = genuine(siteId, MailLinks.DECIDE, token, true);
        if (!accounts.isModerator(link.username())) {
            throw ProblemException.forbidden("The account " + link.username() + " may no longer moderate.");
        }
        ModeratedComment comment = comments.findById(link.commentId(), LockModeType.PESSIMISTIC_WRITE);
        Page decided = alreadyDecided(link, comment);
        if (decided != null) {
            return decided;
        }
        CommentStatus outcome = ModerationDecisions.OUTCOMES.get(link.action());
        publication.moderate(comment, outcome, link.username(), link.action(), MAIL_REASON);
        linkRows.markUsed(link.id());
        return Page.of(switch (link.action()) {
            case "approve" -> "Approved";
            case "reject" -> "Rejected";
            default -> "Marked as spam";
        }, outcome == CommentStatus.PUBLISHED ? "Readers see the comment now." : "Readers will not see the comment.");
    }

    private Page showConfirmation(String siteId, String token) {
        Link link = genuine(siteId, MailLinks.CONFIRM, token, false);
        if (link.usedAt() != null) {
            return Page.of("Already confirmed", "Replies to your comments on " + siteId + " are mailed to this address.");
        }
        return new Page(200, "Email me replies?", "Replies to your comments on " + siteId
                + " will be mailed to the address this link was sent to, until you unsubscribe.", null, null,
                "Yes, email me replies");
    }

    private Page confirm(String siteId, String token) {
        Link link = genuine(siteId, MailLinks.CONFIRM, token, true);
        if (link.usedAt() == null) {
            subscribers.setState(siteId, link.email(), ReplySubscribers.CONFIRMED);
            linkRows.markUsed(link.id());
        }
        return Page.of("Confirmed", "Replies to your comments on " + siteId + " will be mailed to you.");
    }

    private Page showUnsubscribe(String siteId, String token) {
        genuine(siteId, MailLinks.UNSUBSCRIBE, token, false);
        return new Page(200, "Stop reply mails?", "No more mails about replies on " + siteId + " to this address.",
                null, null, "Unsubscribe");
    }

    /** Works every time (unsubscribing twice is still unsubscribed): RFC 8058's POST may come more than once. */
    private Page unsubscribe(String siteId, String token) {
        Link link = genuine(siteId, MailLinks.UNSUBSCRIBE, token, false);
        subscribers.setState(siteId, link.email(), ReplySubscribers.UNSUBSCRIBED);
        return Page.of("Unsubscribed", "This address gets no more mails about replies on " + siteId + ".");
    }

    /** The link's row, if the token is genuine for this site and purpose, not expired, and (single-use) unused. */
    private Link genuine(String siteId, String purpose, String token, boolean forUpdate) {
        UUID id = links.verify(siteId, purpose, token).orElseThrow(MailLinkActions::notValid);
        Link link = linkRows.find(id, forUpdate).filter(row -> row.purpose().equals(purpose) && row.siteId().equals(siteId))
                .orElseThrow(() -> ProblemException.notFound("This link is not valid any more."));
        if (link.expiresAt().isBefore(Instant.now())) {
            throw new ProblemException(410, "Link expired", "This link expired on " + WHEN.format(link.expiresAt()) + ".",
                    null);
        }
        return link;
    }

    private static ProblemException notValid() {
        return ProblemException.notFound("This link is not valid: it may have been cut short.");
    }

    /** A page saying what became of the comment, when the link cannot decide any more; null when it can. */
    private Page alreadyDecided(Link link, ModeratedComment comment) {
        if (comment == null || comment.status == null) {
            throw ProblemException.notFound("This comment is no longer here.");
        }
        if (link.usedAt() == null && comment.status.isQueued()) {
            return null;
        }
        List<AuditEntry> history = audit.entries(comment.siteId, comment.id, null, 1000);
        AuditEntry last = history.isEmpty() ? null : history.get(history.size() - 1);
        String by = last == null ? "" : " by " + last.actor() + " on " + WHEN.format(last.at());
        String title = link.usedAt() != null ? "This link was used" : "Already decided";
        return new Page(409, title, "The comment is " + comment.status.wireName() + by + ".", null,
                MailViews.excerpt(comment.body), null);
    }

    private static String verb(String action) {
        return switch (action) {
            case "approve" -> "Approve";
            case "reject" -> "Reject";
            default -> "Mark as spam";
        };
    }
}
