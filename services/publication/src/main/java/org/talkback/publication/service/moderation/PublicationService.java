package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.threads.ThreadPosition;
import org.talkback.publication.events.CommentModerated;
import org.talkback.publication.events.CommentStatusChanged;
import org.talkback.publication.events.IntakeEvents.CommentEdited;
import org.talkback.publication.events.IntakeEvents.CommentFlagged;
import org.talkback.publication.events.IntakeEvents.CommentRetracted;
import org.talkback.publication.events.IntakeEvents.CommentSubmitted;
import org.talkback.publication.events.SpamCheckEvents.CommentClassified;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.model.PublishedComment;
import org.talkback.publication.model.Site;
import org.talkback.publication.repository.AuditLog;
import org.talkback.publication.repository.ModeratedCommentRepository;
import org.talkback.publication.repository.PublishedCommentRepository;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.repository.ThreadRepository;
import org.talkback.publication.service.read.BodyRenderer;
import org.talkback.publication.service.webhooks.QueueAlerts;

/**
 * Brings a comment's text and verdict together and applies the site's policy. Nothing is published without a
 * verdict: if spam-check is down, comments stay pending here (invisible) until its verdicts arrive.
 */
@ApplicationScoped
public class PublicationService {

    private final ModeratedCommentRepository comments;
    private final PublishedCommentRepository published;
    private final ThreadRepository threads;
    private final SiteRepository sites;
    private final ModerationPolicy policy;
    private final Outbox outbox;
    private final AuditLog audit;
    private final QueueAlerts alerts;

    public PublicationService(ModeratedCommentRepository comments, PublishedCommentRepository published,
            ThreadRepository threads, SiteRepository sites, ModerationPolicy policy, Outbox outbox, AuditLog audit,
            QueueAlerts alerts) {
        this.comments = comments;
        this.published = published;
        this.threads = threads;
        this.sites = sites;
        this.policy = policy;
        this.outbox = outbox;
        this.audit = audit;
        this.alerts = alerts;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void commentSubmitted(String siteId, CommentSubmitted submitted) {
        Site site = knownSite(siteId);
        threads.ensure(site.id, submitted.threadUrl(), submitted.threadTitle());
        ModeratedComment comment = comments.lockOrCreate(submitted.commentId(), site.id);
        comment.threadUrl = submitted.threadUrl();
        comment.parentId = submitted.parentId();
        // Events written before positions existed have none: such a comment goes where a new top-level one would.
        comment.threadPosition = submitted.threadPosition() != null ? submitted.threadPosition()
                : ThreadPosition.topLevel(submitted.createdAt(), submitted.commentId());
        comment.authorName = submitted.author().name();
        comment.authorEmail = submitted.author().email();
        comment.authorUrl = submitted.author().url();
        comment.body = submitted.body();
        comment.clientIp = submitted.clientIp();
        comment.revision = Math.max(1, submitted.revision());
        comment.createdAt = submitted.createdAt();
        decideIfComplete(comment, site);
    }

    /**
     * The author changed the text. Readers keep seeing the text they saw until spam-check has judged the new one
     * (post clean, edit links in later is a spammer's route); a comment waiting for moderators just gets the new
     * text, and stays in the queue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commentEdited(String siteId, CommentEdited edited) {
        Site site = knownSite(siteId);
        ModeratedComment comment = comments.lockOrCreate(edited.commentId(), site.id);
        if (comment.retractedAt != null || edited.revision() <= comment.revision) {
            return;
        }
        comment.body = edited.body();
        comment.revision = edited.revision();
        if (comment.status != null && comment.status.isShown()) {
            changeStatus(comment, CommentStatus.PENDING, AuditLog.AUTHOR, "edit", "edited; checking the new text");
        }
        decideIfComplete(comment, site);
    }

    /** The author deleted the comment: it leaves the thread and the queue for good. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commentRetracted(String siteId, CommentRetracted retracted) {
        Site site = knownSite(siteId);
        ModeratedComment comment = comments.lockOrCreate(retracted.commentId(), site.id);
        if (comment.retractedAt != null) {
            return;
        }
        comment.retractedAt = retracted.retractedAt();
        changeStatus(comment, CommentStatus.RETRACTED, AuditLog.AUTHOR, "retract", "deleted by its author");
    }

    /** A reader's report; enough of them send a published comment back to the moderators, still shown. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commentFlagged(String siteId, CommentFlagged flagged) {
        Site site = knownSite(siteId);
        ModeratedComment comment = comments.lockOrCreate(flagged.commentId(), site.id);
        comments.recordFlag(flagged.flagId(), flagged.commentId(), flagged.reason(), flagged.flaggedAt());
        comment.flagCount++;
        if (CommentStatus.PUBLISHED.equals(comment.status) && comment.flagCount >= site.flagsBeforeReview) {
            changeStatus(comment, CommentStatus.FLAGGED, AuditLog.READERS, "flag", comment.flagCount + " reader reports");
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void commentClassified(String siteId, CommentClassified classified) {
        Site site = knownSite(siteId);
        ModeratedComment comment = comments.lockOrCreate(classified.commentId(), site.id);
        int revision = Math.max(1, classified.revision());
        if (revision < comment.verdictRevision) {
            return;
        }
        comment.verdictRevision = revision;
        comment.verdict = classified.verdict();
        comment.score = classified.score();
        comment.discard = classified.discard();
        comment.reasons = classified.reasons();
        comment.checkId = classified.checkId();
        decideIfComplete(comment, site);
    }

    private void decideIfComplete(ModeratedComment comment, Site site) {
        boolean late = comment.heldWithoutVerdict && CommentStatus.HELD.equals(comment.status);
        if (!comment.verdictMatchesText() || !(CommentStatus.PENDING.equals(comment.status) || late)) {
            return;
        }
        comment.heldWithoutVerdict = false;
        ModerationPolicy.Decision decision = policy.decide(comment, site);
        if (late && CommentStatus.HELD.equals(decision.status())) {
            return; // already where the late verdict would put it
        }
        changeStatus(comment, decision.status(), AuditLog.POLICY, late ? "late-verdict" : "policy", decision.reason());
    }

    /**
     * The verdict is overdue (spam-check down or stuck): the comment waits for a moderator instead, and never
     * goes out unchecked. If the verdict comes after all, it decides as it would have (decideIfComplete).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdForLackOfVerdict(ModeratedComment comment) {
        if (!CommentStatus.PENDING.equals(comment.status) || comment.verdictRevision > 0 || !comment.hasText()) {
            return;
        }
        comment.heldWithoutVerdict = true;
        changeStatus(comment, CommentStatus.HELD, AuditLog.POLICY, "policy", "no verdict from spam-check in time");
    }

    /**
     * A moderator's decision: the new status takes effect like any other (read model, author told, audit), and
     * spam-check is told what the moderator called it, to learn from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moderate(ModeratedComment comment, CommentStatus status, String moderator, String action, String reason) {
        CommentStatus previous = comment.status;
        comment.heldWithoutVerdict = false; // a person decided; a verdict arriving later must not overrule them
        changeStatus(comment, status, moderator, action, reason);
        outbox.publish(comment.siteId, CommentModerated.of(comment, action, previous, moderator, reason));
    }

    private void changeStatus(ModeratedComment comment, CommentStatus status, String actor, String action, String reason) {
        CommentStatus previous = comment.status;
        audit.record(comment.siteId, comment.id, comment.threadUrl, actor, action,
                previous == null ? null : previous.wireName(), status.wireName(), reason);
        comment.status = status;
        comment.version++;
        comment.decidedAt = Instant.now();
        if (CommentStatus.PUBLISHED.equals(status)) {
            show(comment);
        } else if (!status.isShown() && status != CommentStatus.PENDING
                && published.deleteById(comment.id)) {
            threads.recordChange(comment.siteId, comment.threadUrl, comment.id, ThreadRepository.Change.REMOVED);
        }
        outbox.publish(comment.siteId, new CommentStatusChanged(comment.id, status.wireName(),
                previous == null ? null : previous.wireName(), reason));
        if (status.isQueued()) {
            alerts.queued(comment, status, reason);
        }
    }

    /**
     * Renders once, here, so that every page view serves stored HTML instead of rendering again. An edited
     * comment that was already shown gets its row updated in place, keeping its place in the thread.
     */
    private void show(ModeratedComment comment) {
        PublishedComment shown = published.findById(comment.id);
        if (shown != null) {
            // Shown already: after an edit the text changes; after a moderator clears a flagged comment it does not.
            String html = BodyRenderer.render(comment.body);
            if (!html.equals(shown.bodyHtml)) {
                shown.bodyHtml = html;
                shown.editedAt = Instant.now();
                threads.recordChange(comment.siteId, comment.threadUrl, comment.id, ThreadRepository.Change.EDITED);
            }
            return;
        }
        PublishedComment row = new PublishedComment();
        row.commentId = comment.id;
        row.siteId = comment.siteId;
        row.threadUrl = comment.threadUrl;
        row.parentId = comment.parentId;
        row.threadPosition = comment.threadPosition;
        row.authorName = comment.authorName;
        row.authorUrl = BodyRenderer.isSafeLink(comment.authorUrl == null ? "" : comment.authorUrl) ? comment.authorUrl : null;
        row.bodyHtml = BodyRenderer.render(comment.body);
        row.createdAt = comment.createdAt;
        published.persist(row);
        threads.recordChange(comment.siteId, comment.threadUrl, comment.id, ThreadRepository.Change.SHOWN);
    }

    private Site knownSite(String siteId) {
        Site site = siteId == null ? null : sites.findById(siteId);
        if (site == null) {
            // Sites reach publication before their comments do; an unknown one means a misrouted event.
            throw new org.talkback.platform.problem.ProblemException(422, "Unprocessable event",
                    "Unknown site " + siteId, null);
        }
        return site;
    }
}
