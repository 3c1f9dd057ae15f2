package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.ArticleThread;
import org.talkback.publication.model.ThreadChanged;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<ArticleThread, ArticleThread.Key> {

    private final Event<ThreadChanged> changed;

    public ThreadRepository(Event<ThreadChanged> changed) {
        this.changed = changed;
    }

    /**
     * Makes sure the thread exists; the first comment that brings a title names it. Neither statement touches an
     * existing thread's row unless its title is missing, so a busy thread is not a lock every comment waits on.
     */
    public void ensure(String siteId, String url, String title) {
        getEntityManager().createNativeQuery(
                "insert into thread (site_id, url) values (?1, ?2) on conflict (site_id, url) do nothing")
                .setParameter(1, siteId)
                .setParameter(2, url)
                .executeUpdate();
        if (title != null) {
            int named = getEntityManager().createNativeQuery(
                    "update thread set title = ?3 where site_id = ?1 and url = ?2 and title is null")
                    .setParameter(1, siteId)
                    .setParameter(2, url)
                    .setParameter(3, title)
                    .executeUpdate();
            if (named > 0) {
                recordChange(siteId, url, null, Change.THREAD);
            }
        }
    }

    /** Opens or closes a thread; false when it already was in that state. */
    public boolean changeState(String siteId, String url, String state) {
        ensure(siteId, url, null);
        return getEntityManager().createNativeQuery(
                "update thread set state = ?3 where site_id = ?1 and url = ?2 and state <> ?3")
                .setParameter(1, siteId)
                .setParameter(2, url)
                .setParameter(3, state)
                .executeUpdate() > 0;
    }

    /** What happened to what a thread shows (a comment, or the thread itself: title, state), and to its count. */
    public enum Change {
        SHOWN("shown", 1), EDITED("shown", 0), REMOVED("removed", -1), THREAD("thread", 0);

        final String kind;
        final int countDelta;

        Change(String kind, int countDelta) {
            this.kind = kind;
            this.countDelta = countDelta;
        }
    }

    /**
     * Records a change to what a thread shows, in the caller's transaction: bumps the thread's change number and
     * count under its row lock and logs the change, which is how every publication instance's page cache and live
     * streams learn of it (ThreadChanges reads the log); a rolled-back change leaves no trace.
     */
    public void recordChange(String siteId, String url, UUID commentId, Change change) {
        List<?> seq = getEntityManager().createNativeQuery("""
                with bumped as (
                    update thread set change_seq = change_seq + 1, published_count = published_count + ?4
                     where site_id = ?1 and url = ?2
                 returning change_seq),
                logged as (
                    insert into thread_change (site_id, thread_url, seq, comment_id, kind)
                    select ?1, ?2, change_seq, cast(?3 as uuid), ?5 from bumped
                 returning seq)
                select seq from logged
                """)
                .setParameter(1, siteId)
                .setParameter(2, url)
                .setParameter(3, commentId == null ? null : commentId.toString())
                .setParameter(4, change.countDelta)
                .setParameter(5, change.kind)
                .getResultList();
        if (!seq.isEmpty()) {
            long changeSeq = ((Number) seq.get(0)).longValue();
            // This instance learns at once, after commit; the others read the log within 100 ms (ThreadChanges).
            changed.fire(new ThreadChanged(siteId, url, changeSeq));
        }
    }
}
