package org.talkback.publication.service.read;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.model.ThreadChanged;
import org.talkback.publication.repository.ThreadChangeLog;

/**
 * Tells this instance's page cache and live streams when any instance changed what a thread shows, by reading the
 * thread_change log every 100 ms. (The first version used a NOTIFY in each publishing transaction; NOTIFY
 * serialises commits across the whole PostgreSQL cluster and made the pipeline benchmark several times slower.)
 *
 * <p>Ids are handed out before commit, so a change can become visible after one with a higher id; each read
 * therefore looks back {@value #LOOKBACK} ids behind the highest seen. Seeing a change twice is harmless: the
 * cache and the streams compare change numbers.
 */
@ApplicationScoped
public class ThreadChanges {
    private static final Logger LOG = Logger.getLogger(ThreadChanges.class);
    static final int LOOKBACK = 256;

    private record ThreadKey(String siteId, String url) {
    }

    private final ThreadPageCache pages;
    private final ThreadStreams streams;
    private final ThreadChangeLog log;
    private final Duration interval;
    private volatile boolean running;
    private long highestSeen = -1;
    private boolean missedSome;
    private Thread reader;

    public ThreadChanges(ThreadPageCache pages, ThreadStreams streams, ThreadChangeLog log,
            PublicationConfig config) {
        this.pages = pages;
        this.streams = streams;
        this.log = log;
        this.interval = config.read().changePoll();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        reader = new Thread(this::follow, "thread-changes");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void follow() {
        while (running) {
            try {
                readNewChanges();
                if (missedSome) {
                    // The log could not be read for a while: what changed meanwhile is unknown, start afresh.
                    missedSome = false;
                    pages.clear();
                    streams.catchUpAll();
                }
            } catch (SQLException e) {
                if (!missedSome) {
                    LOG.warnf("reading the thread change log failed (%s); page cache cleared once it is back", e.getMessage());
                }
                missedSome = true;
            } catch (RuntimeException e) {
                LOG.errorf(e, "handling thread changes failed");
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A change this instance committed: its own cache and streams need not wait for the next read of the log. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ThreadChanged change) {
        changed(change.siteId(), change.url(), change.changeSeq());
    }

    private void changed(String siteId, String url, long changeSeq) {
        pages.threadChanged(siteId, url, changeSeq);
        streams.threadChanged(siteId, url, changeSeq);
    }

    private void readNewChanges() throws SQLException {
        if (highestSeen < 0) {
            highestSeen = log.newestId(); // nothing is cached yet: older changes do not matter here
            return;
        }
        Map<ThreadKey, Long> latest = new LinkedHashMap<>();
        for (ThreadChangeLog.LoggedChange change : log.after(Math.max(0, highestSeen - LOOKBACK), 10_000)) {
            highestSeen = Math.max(highestSeen, change.id());
            latest.merge(new ThreadKey(change.siteId(), change.url()), change.seq(), Math::max);
        }
        latest.forEach((thread, changeSeq) -> changed(thread.siteId(), thread.url(), changeSeq));
    }
}
