package org.talkback.publication.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Collection;
import java.util.Comparator;
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

    /** A thread a comment belongs to, with the title its event brought (null if none). */
    public record Named(String siteId, String url, String title) {
    }

    /**
     * Makes sure the thread exists; the first comment that brings a title names it. Neither statement touches an
     * existing thread's row unless its title is missing, so a busy thread is not a lock every comment waits on.
     */
    public void ensure(String siteId, String url, String title) {
        ensureAll(List.of(new Named(siteId, url, title)));
    }

    /** The same for a whole delivery's threads, in two statements, taking row locks in key order. */
    public void ensureAll(Collection<Named> threads) {
        List<Named> sorted = threads.stream().distinct()
                .sorted(Comparator.comparing(Named::siteId).thenComparing(Named::url)).toList();
        if (sorted.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("""
                insert into thread (site_id, url)
                select site_id, url from unnest(cast(?1 as text[]), cast(?2 as text[])) with ordinality as given (site_id, url, n)
                 order by n
                on conflict (site_id, url) do nothing
                """)
                .setParameter(1, sorted.stream().map(Named::siteId).toArray(String[]::new))
                .setParameter(2, sorted.stream().map(Named::url).toArray(String[]::new))
                .executeUpdate();
        List<Named> titled = sorted.stream().filter(thread -> thread.title() != null).toList();
        if (titled.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> named = getEntityManager().createNativeQuery("""
                with untitled as (
                    select t.site_id, t.url, given.title
                      from thread t
                      join unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[])) as given (site_id, url, title)
                        on t.site_id = given.site_id and t.url = given.url
                     where t.title is null
                     order by t.site_id, t.url
                       for update of t)
                update thread t set title = untitled.title from untitled
                 where t.site_id = untitled.site_id and t.url = untitled.url
                returning t.site_id, t.url
                """)
                .setParameter(1, titled.stream().map(Named::siteId).toArray(String[]::new))
                .setParameter(2, titled.stream().map(Named::url).toArray(String[]::new))
                .setParameter(3, titled.stream().map(Named::title).toArray(String[]::new))
                .getResultList();
        recordChanges(named.stream().map(row -> new ThreadChange((String) row[0], (String) row[1], null, Change.THREAD))
                .toList());
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

    /** One change to what a thread shows; commentId is null for a change to the thread itself. */
    public record ThreadChange(String siteId, String url, UUID commentId, Change change) {
    }

    public void recordChange(String siteId, String url, UUID commentId, Change change) {
        recordChanges(List.of(new ThreadChange(siteId, url, commentId, change)));
    }

    /**
     * Records changes to what threads show, in the caller's transaction and in one statement however many: bumps
     * each thread's change number and count under its row lock (taken in key order, so that two deliveries do not
     * deadlock) and logs each change with its own number, which is how every publication instance's page cache and
     * live streams learn of it (ThreadChanges reads the log); a rolled-back change leaves no trace.
     */
    public void recordChanges(List<ThreadChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> newest = getEntityManager().createNativeQuery("""
                with given as (
                    select * from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as uuid[]), cast(?4 as int[]),
                                         cast(?5 as text[])) with ordinality as g (site_id, url, comment_id, delta, kind, n)),
                per_thread as (
                    select site_id, url, count(*) as changes, sum(delta) as delta from given group by site_id, url),
                locked as (
                    select t.site_id, t.url, p.changes, p.delta
                      from thread t join per_thread p on t.site_id = p.site_id and t.url = p.url
                     order by t.site_id, t.url
                       for update of t),
                bumped as (
                    update thread t set change_seq = t.change_seq + locked.changes,
                                        published_count = t.published_count + locked.delta
                      from locked
                     where t.site_id = locked.site_id and t.url = locked.url
                 returning t.site_id, t.url, t.change_seq - locked.changes as before),
                logged as (
                    insert into thread_change (site_id, thread_url, seq, comment_id, kind)
                    select g.site_id, g.url, b.before + row_number() over (partition by g.site_id, g.url order by g.n),
                           g.comment_id, g.kind
                      from given g join bumped b on b.site_id = g.site_id and b.url = g.url
                 returning site_id, thread_url, seq)
                select site_id, thread_url, max(seq) from logged group by site_id, thread_url
                """)
                .setParameter(1, changes.stream().map(ThreadChange::siteId).toArray(String[]::new))
                .setParameter(2, changes.stream().map(ThreadChange::url).toArray(String[]::new))
                .setParameter(3, changes.stream().map(ThreadChange::commentId).toArray(UUID[]::new))
                .setParameter(4, changes.stream().map(change -> change.change().countDelta).toArray(Integer[]::new))
                .setParameter(5, changes.stream().map(change -> change.change().kind).toArray(String[]::new))
                .getResultList();
        for (Object[] row : newest) {
            // This instance learns at once, after commit; the others read the log within 100 ms (ThreadChanges).
            changed.fire(new ThreadChanged((String) row[0], (String) row[1], ((Number) row[2]).longValue()));
        }
    }
}
