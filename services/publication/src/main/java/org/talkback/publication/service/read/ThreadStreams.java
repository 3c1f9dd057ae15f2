package org.talkback.publication.service.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.repository.ThreadChangeLog;

/**
 * Live updates for open article pages. Each stream follows one thread; what it sends is read from the thread's
 * change log, numbered in commit order per thread, and each event's id is that number. A reader who reconnects
 * with {@code Last-Event-ID} gets exactly the changes after it; one whose id is older than the log keeps is told
 * to reload the thread ({@code reset}).
 *
 * <p>All the work for all streams runs on one thread, in order: a notification costs one query per followed
 * thread however many readers follow it, and a stream never gets two events at once.
 */
@ApplicationScoped
public class ThreadStreams {
    private static final Logger LOG = Logger.getLogger(ThreadStreams.class);
    private static final int BATCH = 500;

    /** What a stream sends: {@code comment} (new or edited, as the page shows it), {@code removed}, {@code reset}. */
    public record StreamEvent(long id, String name, String data) {
    }

    private record ThreadKey(String siteId, String url) {
    }

    private static final class Stream {
        final ThreadKey thread;
        final MultiEmitter<? super StreamEvent> emitter;
        long lastSent;

        Stream(ThreadKey thread, MultiEmitter<? super StreamEvent> emitter) {
            this.thread = thread;
            this.emitter = emitter;
        }
    }

    private final ThreadChangeLog log;
    private final ObjectMapper json;
    private final int maxStreams;
    private final Map<ThreadKey, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "thread-streams");
        thread.setDaemon(true);
        return thread;
    });

    public ThreadStreams(ThreadChangeLog log, ObjectMapper json,
            PublicationConfig config) {
        this.log = log;
        this.json = json;
        this.maxStreams = config.read().maxStreams();
    }

    /** A stream of the thread's changes after {@code lastEventId}, or from now on when there is none. */
    public Multi<StreamEvent> follow(String siteId, String url, Optional<Long> lastEventId) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new ProblemException(503, "Service Unavailable",
                    "Too many live streams are open on this server; the page still works without one.", null);
        }
        ThreadKey thread = new ThreadKey(siteId, url);
        return Multi.createFrom().emitter(emitter -> {
            Stream stream = new Stream(thread, emitter);
            emitter.onTermination(() -> {
                open.decrementAndGet();
                streams.computeIfPresent(thread, (key, followers) -> {
                    followers.remove(stream);
                    return followers.isEmpty() ? null : followers;
                });
            });
            worker.execute(() -> start(stream, lastEventId));
        });
    }

    /** Called for every change on every instance; only threads someone follows here cost anything. */
    public void threadChanged(String siteId, String url, long changeSeq) {
        ThreadKey thread = new ThreadKey(siteId, url);
        if (streams.containsKey(thread)) {
            worker.execute(() -> deliver(thread));
        }
    }

    public void catchUpAll() {
        for (ThreadKey thread : streams.keySet()) {
            worker.execute(() -> deliver(thread));
        }
    }

    /** Proxies and load balancers close connections that stay silent; an SSE comment line keeps them open. */
    @Scheduled(every = "20s", delayed = "20s")
    void keepAlive() {
        worker.execute(() -> streams.values().forEach(followers -> followers.forEach(stream ->
                stream.emitter.emit(new StreamEvent(stream.lastSent, null, null)))));
    }

    /** The log is for reconnects, which come within seconds or minutes; a day is plenty. */
    @Scheduled(every = "1h", delayed = "1m")
    void forgetOldChanges() {
        try {
            log.forgetOlderThan(Duration.ofDays(1));
        } catch (SQLException e) {
            LOG.warnf("pruning the thread change log failed: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
        streams.values().forEach(followers -> followers.forEach(stream -> stream.emitter.complete()));
    }

    private void start(Stream stream, Optional<Long> lastEventId) {
        try {
            ThreadChangeLog.LoggedRange logged = log.range(stream.thread.siteId(), stream.thread.url());
            long current = logged.current();
            long oldestKept = logged.oldestKept();
            long after = lastEventId.filter(id -> id >= 0 && id <= current).orElse(current);
            stream.lastSent = after;
            if (after < current && (oldestKept == 0 || oldestKept > after + 1)) {
                // The changes since that id are no longer in the log: the page must reload the thread.
                stream.lastSent = current;
                stream.emitter.emit(new StreamEvent(current, "reset", "{}"));
            }
            streams.computeIfAbsent(stream.thread, key -> ConcurrentHashMap.newKeySet()).add(stream);
            deliver(stream.thread);
        } catch (RuntimeException e) {
            stream.emitter.fail(e);
        }
    }

    /** Sends every follower of the thread the changes it has not had yet. Runs on the worker only. */
    private void deliver(ThreadKey thread) {
        Set<Stream> followers = streams.get(thread);
        if (followers == null || followers.isEmpty()) {
            return;
        }
        long from = followers.stream().mapToLong(stream -> stream.lastSent).min().orElseThrow();
        List<StreamEvent> events;
        do {
            events = changesAfter(thread, from);
            for (StreamEvent event : events) {
                for (Stream stream : followers) {
                    if (event.id() > stream.lastSent) {
                        if (event.name() != null) {
                            stream.emitter.emit(event);
                        }
                        stream.lastSent = event.id();
                    }
                }
                from = event.id();
            }
        } while (events.size() == BATCH);
    }

    /**
     * The changes after a number, as events. A comment shown and later removed is sent as its removal only (its
     * row is gone); a change that only renamed the thread is passed over with its number, sending nothing.
     */
    private List<StreamEvent> changesAfter(ThreadKey thread, long after) {
        return log.changesAfter(thread.siteId(), thread.url(), after, BATCH).stream().map(this::event).toList();
    }

    private StreamEvent event(ThreadChangeLog.ThreadChange change) {
        if ("removed".equals(change.kind())) {
            return new StreamEvent(change.seq(), "removed", write(Map.of("id", change.commentId())));
        }
        if ("shown".equals(change.kind()) && change.shown() != null) {
            return new StreamEvent(change.seq(), "comment", write(change.shown()));
        }
        return new StreamEvent(change.seq(), null, null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
