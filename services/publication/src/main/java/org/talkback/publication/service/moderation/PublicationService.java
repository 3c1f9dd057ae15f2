package org.talkback.publication.service.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.threads.ThreadPosition;
import org.talkback.publication.events.CommentModerated;
import org.talkback.publication.events.CommentStatusChanged;
import org.talkback.publication.events.IntakeEvents.CommentEdited;
import org.talkback.publication.events.IntakeEvents.CommentFlagged;
import org.talkback.publication.events.IntakeEvents.CommentRetracted;
import org.talkback.publication.events.IntakeEvents.CommentSubmitted;
import org.talkback.publication.events.SpamCheckEvents.CommentClassified;
import org.talkback.publication.model.Ban;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.model.ModeratedComment;
import org.talkback.publication.model.PublishedComment;
import org.talkback.publication.model.Site;
import org.talkback.publication.repository.AuditLog;
import org.talkback.publication.repository.BanRepository;
import org.talkback.publication.repository.ModeratedCommentRepository;
import org.talkback.publication.repository.PublishedCommentRepository;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.repository.ThreadRepository;
import org.talkback.publication.repository.ThreadRepository.Change;
import org.talkback.publication.service.imports.ImportedComment;
import org.talkback.publication.service.read.BodyRenderer;
import org.talkback.publication.service.mail.MailNotices;
import org.talkback.publication.service.webhooks.QueueAlerts;

/**
 * Brings a comment's text and verdict together and applies the site's policy. Nothing is published without a
 * verdict: if spam-check is down, comments stay pending here (invisible) until its verdicts arrive.
 *
 * <p>A delivery is applied as a whole ({@link #apply(List)}): its comments are locked in one statement, decided in
 * memory, and what the decisions change (read model, thread counts, audit) is written in one statement per table.
 * A moderator's decision goes the same way, as a delivery of one.
 */
@ApplicationScoped
public class PublicationService {

    /** One event about a comment, from intake or spam-check, read into publication's own records. */
    public record CommentEvent(String siteId, UUID commentId, Object payload) {
    }

    private final ModeratedCommentRepository comments;
    private final PublishedCommentRepository published;
    private final ThreadRepository threads;
    private final SiteRepository sites;
    private final BanRepository bans;
    private final ModerationPolicy policy;
    private final Outbox outbox;
    private final AuditLog audit;
    private final QueueAlerts alerts;
    private final MailNotices mail;
    private final ObjectMapper json;

    public PublicationService(ModeratedCommentRepository comments, PublishedCommentRepository published,
            ThreadRepository threads, SiteRepository sites, BanRepository bans, ModerationPolicy policy, Outbox outbox,
            AuditLog audit, QueueAlerts alerts, MailNotices mail, ObjectMapper json) {
        this.comments = comments;
        this.published = published;
        this.threads = threads;
        this.sites = sites;
        this.bans = bans;
        this.policy = policy;
        this.outbox = outbox;
        this.audit = audit;
        this.alerts = alerts;
        this.mail = mail;
        this.json = json;
    }

    /**
     * Applies a delivery's comment events (at most one per comment, as relays send them). The comments are locked
     * before their threads, as everywhere else here, so deliveries and moderators queue rather than deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<CommentEvent> events) {
        Map<String, Site> knownSites = new HashMap<>();
        Map<UUID, String> siteByComment = new LinkedHashMap<>();
        for (CommentEvent event : events) {
            knownSites.computeIfAbsent(event.siteId(), this::knownSite);
            siteByComment.put(event.commentId(), event.siteId());
        }
        Map<UUID, ModeratedComment> locked = comments.lockOrCreateAll(siteByComment);
        List<ThreadRepository.Named> threadsOfTexts = new ArrayList<>();
        for (CommentEvent event : events) {
            if (event.payload() instanceof CommentSubmitted submitted) {
                threadsOfTexts.add(new ThreadRepository.Named(event.siteId(), submitted.threadUrl(),
                        submitted.threadTitle()));
            }
        }
        threads.ensureAll(threadsOfTexts);
        Changes changes = new Changes();
        for (CommentEvent event : events) {
            ModeratedComment comment = locked.get(event.commentId());
            Site site = knownSites.get(event.siteId());
            Object payload = event.payload();
            if (payload instanceof CommentSubmitted submitted) {
                commentSubmitted(comment, site, submitted, changes);
            } else if (payload instanceof CommentClassified classified) {
                commentClassified(comment, site, classified, changes);
            } else if (payload instanceof CommentEdited edited) {
                commentEdited(comment, site, edited, changes);
            } else if (payload instanceof CommentRetracted retracted) {
                commentRetracted(comment, retracted, changes);
            } else if (payload instanceof CommentFlagged flagged) {
                commentFlagged(comment, site, flagged, changes);
            } else {
                throw new IllegalArgumentException("not a comment event: " + payload);
            }
        }
        write(changes);
    }

    private void commentSubmitted(ModeratedComment comment, Site site, CommentSubmitted submitted, Changes changes) {
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
        comment.notifyReplies = Boolean.TRUE.equals(submitted.notifyReplies());
        comment.revision = Math.max(1, submitted.revision());
        comment.createdAt = submitted.createdAt();
        decideIfComplete(comment, site, changes);
    }

    /**
     * The author changed the text. Readers keep seeing the text they saw until spam-check has judged the new one
     * (post clean, edit links in later is a spammer's route); a comment waiting for moderators just gets the new
     * text, and stays in the queue.
     */
    private void commentEdited(ModeratedComment comment, Site site, CommentEdited edited, Changes changes) {
        if (comment.retractedAt != null || edited.revision() <= comment.revision) {
            return;
        }
        comment.body = edited.body();
        comment.revision = edited.revision();
        if (comment.status != null && comment.status.isShown()) {
            changeStatus(comment, CommentStatus.PENDING, AuditLog.AUTHOR, "edit", "edited; checking the new text",
                    changes);
        }
        decideIfComplete(comment, site, changes);
    }

    /** The author deleted the comment: it leaves the thread and the queue for good. */
    private void commentRetracted(ModeratedComment comment, CommentRetracted retracted, Changes changes) {
        if (comment.retractedAt != null) {
            return;
        }
        comment.retractedAt = retracted.retractedAt();
        changeStatus(comment, CommentStatus.RETRACTED, AuditLog.AUTHOR, "retract", "deleted by its author", changes);
    }

    /** A reader's report; enough of them send a published comment back to the moderators, still shown. */
    private void commentFlagged(ModeratedComment comment, Site site, CommentFlagged flagged, Changes changes) {
        comments.recordFlag(flagged.flagId(), flagged.commentId(), flagged.reason(), flagged.flaggedAt());
        comment.flagCount++;
        if (CommentStatus.PUBLISHED.equals(comment.status) && comment.flagCount >= site.flagsBeforeReview) {
            changeStatus(comment, CommentStatus.FLAGGED, AuditLog.READERS, "flag", comment.flagCount + " reader reports",
                    changes);
        }
    }

    private void commentClassified(ModeratedComment comment, Site site, CommentClassified classified, Changes changes) {
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
        decideIfComplete(comment, site, changes);
    }

    private void decideIfComplete(ModeratedComment comment, Site site, Changes changes) {
        boolean late = comment.heldWithoutVerdict && CommentStatus.HELD.equals(comment.status);
        if (!comment.verdictMatchesText() || !(CommentStatus.PENDING.equals(comment.status) || late)) {
            return;
        }
        comment.heldWithoutVerdict = false;
        ModerationPolicy.Decision decision = policy.decide(comment, site, changes.activeBans(site.id));
        if (late && CommentStatus.HELD.equals(decision.status())) {
            return; // already where the late verdict would put it
        }
        changeStatus(comment, decision.status(), AuditLog.POLICY, late ? "late-verdict" : "policy", decision.reason(),
                changes);
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
        Changes changes = new Changes();
        changeStatus(comment, CommentStatus.HELD, AuditLog.POLICY, "policy", "no verdict from spam-check in time",
                changes);
        write(changes);
    }

    /**
     * A moderator's decision: the new status takes effect like any other (read model, author told, audit), and
     * spam-check is told what the moderator called it, to learn from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moderate(ModeratedComment comment, CommentStatus status, String moderator, String action, String reason) {
        CommentStatus previous = comment.status;
        comment.heldWithoutVerdict = false; // a person decided; a verdict arriving later must not overrule them
        Changes changes = new Changes();
        changeStatus(comment, status, moderator, action, reason, changes);
        write(changes);
        outbox.publish(comment.siteId, CommentModerated.of(comment, action, previous, moderator, reason));
    }

    /**
     * Comments from another system's export, already decided there: each takes its status at once (no verdict to
     * wait for, the source's moderators were the judges), joins its thread, counts and feeds, and is recorded in the
     * audit log under the admin who imported it. A comment already here (the same file imported again, or an
     * interrupted import run again) is left as it is. Intake and spam-check hear of the new ones through the
     * caller's CommentsImported event, not one status event per comment.
     *
     * @return the comments that were new here
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ImportedComment> importAll(String siteId, List<ImportedComment> batch, String admin, String reason) {
        knownSite(siteId);
        List<ThreadRepository.Named> named = new ArrayList<>();
        for (ImportedComment imported : batch) {
            named.add(new ThreadRepository.Named(siteId, imported.threadUrl(), imported.threadTitle()));
        }
        threads.ensureAll(named);
        // One statement for the batch: an entity per comment (load, lock, dirty-check) cost more than the rest.
        Set<UUID> added = Set.copyOf(comments.insertImported(siteId, json(batch),
                json(List.of(new ModeratedComment.Reason("imported", 0, reason)))));
        List<ImportedComment> newOnes = new ArrayList<>();
        List<PublishedComment> toShow = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        Map<UUID, ImportedComment> byId = new HashMap<>();
        for (ImportedComment imported : batch) {
            if (!added.contains(imported.id())) {
                continue;
            }
            newOnes.add(imported);
            byId.put(imported.id(), imported);
            entries.add(new AuditLog.Entry(siteId, imported.id(), imported.threadUrl(), admin, "import", null,
                    imported.status(), reason));
            if (CommentStatus.of(imported.status()).isShown()) {
                toShow.add(readModelRow(siteId, imported));
            }
        }
        List<ThreadRepository.ThreadChange> threadChanges = new ArrayList<>();
        published.showAll(toShow).forEach((id, shown) -> threadChanges.add(new ThreadRepository.ThreadChange(siteId,
                byId.get(id).threadUrl(), id, shown == PublishedCommentRepository.Shown.NEW ? Change.SHOWN : Change.EDITED)));
        threads.recordChanges(threadChanges);
        audit.recordAll(entries);
        return newOnes;
    }

    private static PublishedComment readModelRow(String siteId, ImportedComment imported) {
        PublishedComment row = new PublishedComment();
        row.commentId = imported.id();
        row.siteId = siteId;
        row.threadUrl = imported.threadUrl();
        row.parentId = imported.parentId();
        row.threadPosition = imported.threadPosition();
        row.authorName = imported.authorName();
        row.authorUrl = imported.authorUrl() != null && BodyRenderer.isSafeLink(imported.authorUrl()) ? imported.authorUrl() : null;
        row.bodyHtml = BodyRenderer.render(imported.body());
        row.createdAt = imported.createdAt();
        return row;
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A person's comments after their data was erased (the fields already wiped by the caller): with {@code remove}
     * they leave the thread and the queue for good (retracted, text gone); otherwise the ones shown are shown again
     * under the placeholder name. Either way each gets an audit entry that says an erasure happened and who did it,
     * and nothing of what was erased.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erased(String siteId, List<UUID> commentIds, boolean remove, String admin) {
        Map<UUID, String> siteByComment = new LinkedHashMap<>();
        commentIds.forEach(id -> siteByComment.put(id, siteId));
        Map<UUID, ModeratedComment> locked = comments.lockOrCreateAll(siteByComment);
        Changes changes = new Changes();
        String reason = "the author's personal data was erased on request";
        for (UUID id : commentIds) {
            ModeratedComment comment = locked.get(id);
            if (remove && comment.status != CommentStatus.RETRACTED) {
                comment.body = "";
                comment.retractedAt = Instant.now();
                changeStatus(comment, CommentStatus.RETRACTED, admin, "erase", reason + "; the comment was removed", changes);
            } else {
                String status = comment.status == null ? null : comment.status.wireName();
                changes.audit.add(new AuditLog.Entry(siteId, id, comment.threadUrl, admin, "erase", status, status, reason));
                if (comment.status != null && comment.status.isShown()) {
                    changes.readModel.put(id, comment); // shown again under the placeholder
                }
            }
        }
        write(changes);
    }

    private void changeStatus(ModeratedComment comment, CommentStatus status, String actor, String action,
            String reason, Changes changes) {
        CommentStatus previous = recordStatus(comment, status, actor, action, reason, changes);
        outbox.publish(comment.siteId, new CommentStatusChanged(comment.id, status.wireName(),
                previous == null ? null : previous.wireName(), reason));
        if (status.isQueued()) {
            alerts.queued(comment, status, reason);
            mail.queued(comment, reason);
        }
        boolean firstDecision = previous == null || previous == CommentStatus.PENDING;
        if (firstDecision && (status == CommentStatus.PUBLISHED || status == CommentStatus.HELD)) {
            mail.wantsReplies(comment);
        }
    }

    /** The status change itself, and what it changes in the read model and the audit log; returns the previous one. */
    private CommentStatus recordStatus(ModeratedComment comment, CommentStatus status, String actor, String action,
            String reason, Changes changes) {
        CommentStatus previous = comment.status;
        changes.audit.add(new AuditLog.Entry(comment.siteId, comment.id, comment.threadUrl, actor, action,
                previous == null ? null : previous.wireName(), status.wireName(), reason));
        comment.status = status;
        comment.version++;
        comment.decidedAt = Instant.now();
        if (CommentStatus.PUBLISHED.equals(status)) {
            changes.readModel.put(comment.id, comment);
        } else if (!status.isShown() && status != CommentStatus.PENDING) {
            changes.readModel.put(comment.id, null);
            changes.removedFrom.put(comment.id, comment);
        }
        return previous;
    }

    /**
     * Writes what the decisions changed. Showing renders once, here, so that every page view serves stored HTML
     * instead of rendering again; an edited comment that was already shown keeps its place in the thread.
     */
    private void write(Changes changes) {
        List<PublishedComment> toShow = new ArrayList<>();
        List<UUID> toRemove = new ArrayList<>();
        changes.readModel.forEach((id, comment) -> {
            if (comment != null) {
                toShow.add(readModelRow(comment));
            } else {
                toRemove.add(id);
            }
        });
        List<ThreadRepository.ThreadChange> threadChanges = new ArrayList<>();
        List<UUID> newReplies = new ArrayList<>();
        published.showAll(toShow).forEach((id, shown) -> {
            ModeratedComment comment = changes.readModel.get(id);
            threadChanges.add(new ThreadRepository.ThreadChange(comment.siteId, comment.threadUrl, id,
                    shown == PublishedCommentRepository.Shown.NEW ? Change.SHOWN : Change.EDITED));
            if (shown == PublishedCommentRepository.Shown.NEW && comment.parentId != null) {
                newReplies.add(id);
            }
        });
        mail.repliesPublished(newReplies);
        Set<UUID> removed = published.removeAll(toRemove);
        for (UUID id : removed) {
            ModeratedComment comment = changes.removedFrom.get(id);
            threadChanges.add(new ThreadRepository.ThreadChange(comment.siteId, comment.threadUrl, id, Change.REMOVED));
        }
        threads.recordChanges(threadChanges);
        audit.recordAll(changes.audit);
    }

    private static PublishedComment readModelRow(ModeratedComment comment) {
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
        return row;
    }

    private Site knownSite(String siteId) {
        Site site = siteId == null ? null : sites.findById(siteId);
        if (site == null) {
            // Sites reach publication before their comments do; an unknown one means a misrouted event.
            throw new ProblemException(422, "Unprocessable event", "Unknown site " + siteId, null);
        }
        return site;
    }

    /** What one delivery's (or one moderator's) decisions change, written together at the end. */
    private final class Changes {
        final List<AuditLog.Entry> audit = new ArrayList<>();
        /** Per comment, the row to show, or null to take it out of the read model; the last decision counts. */
        final Map<UUID, ModeratedComment> readModel = new LinkedHashMap<>();
        final Map<UUID, ModeratedComment> removedFrom = new HashMap<>();
        private final Map<String, List<Ban>> activeBans = new HashMap<>();

        /** A site's bans, read once per delivery rather than once per comment. */
        List<Ban> activeBans(String siteId) {
            return activeBans.computeIfAbsent(siteId, bans::active);
        }
    }
}
