package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.threads.ThreadUrls;
import org.talkback.publication.events.ThreadStateChanged;
import org.talkback.publication.repository.AuditLog;
import org.talkback.publication.repository.SiteRepository;
import org.talkback.publication.repository.ThreadRepository;

/**
 * Closing a thread (an article whose comments have gone bad, or a court case) and opening it again. Readers see
 * the state at once; intake learns it from ThreadStateChanged and refuses new comments (409) while closed.
 */
@ApplicationScoped
public class ThreadModeration {

    public record ThreadState(String site, String url, String state) {
    }

    private final ThreadRepository threads;
    private final SiteRepository sites;
    private final AuditLog audit;
    private final Outbox outbox;

    public ThreadModeration(ThreadRepository threads, SiteRepository sites, AuditLog audit, Outbox outbox) {
        this.threads = threads;
        this.sites = sites;
        this.audit = audit;
        this.outbox = outbox;
    }

    @Transactional
    public ThreadState change(String siteId, String rawUrl, String state, String moderator) {
        sites.require(siteId);
        String url = ThreadUrls.canonical(rawUrl).orElseThrow(() ->
                ProblemException.invalid(List.of(new FieldError("url", "must be an absolute http(s) URL"))));
        if (!"open".equals(state) && !"closed".equals(state)) {
            throw ProblemException.invalid(List.of(new FieldError("state", "must be open or closed")));
        }
        if (threads.changeState(siteId, url, state)) {
            threads.recordChange(siteId, url, null, ThreadRepository.Change.THREAD);
            audit.record(siteId, null, url, moderator, "closed".equals(state) ? "close" : "open", null, null,
                    "thread " + state);
            outbox.publish(siteId, new ThreadStateChanged(siteId, url, state));
        }
        return new ThreadState(siteId, url, state);
    }
}
