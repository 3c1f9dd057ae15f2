package org.talkback.publication.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.talkback.platform.notify.ChannelListener;
import org.talkback.platform.notify.ListenerDatabase;

/**
 * Tells this instance's page cache and live streams when any instance changed what a thread shows. The change
 * is announced by a NOTIFY in the changing transaction ({@code ThreadRepository.recordChange}), so it arrives
 * after the commit, on every instance, and never for a rolled-back change.
 */
@ApplicationScoped
public class ThreadChanges {
    public static final String CHANNEL = "talkback_thread_changes";
    private static final Logger LOG = Logger.getLogger(ThreadChanges.class);

    private final ThreadPageCache pages;
    private final ThreadStreams streams;
    private final ChannelListener listener;

    public ThreadChanges(ThreadPageCache pages, ThreadStreams streams, ListenerDatabase database) {
        this.pages = pages;
        this.streams = streams;
        this.listener = new ChannelListener(database.connect(), CHANNEL, Duration.ofSeconds(5), this::caughtUp,
                this::changed);
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }

    /** (Re)connected: whatever was announced while not listening is unknown, so start from the database again. */
    private void caughtUp() {
        pages.clear();
        streams.catchUpAll();
    }

    private void changed(List<String> payloads) {
        for (String payload : payloads) {
            String[] parts = payload.split("\n", 3);
            if (parts.length != 3) {
                LOG.warnf("ignoring a malformed thread change notification: %s", payload);
                continue;
            }
            long changeSeq = Long.parseLong(parts[2]);
            pages.threadChanged(parts[0], parts[1], changeSeq);
            streams.threadChanged(parts[0], parts[1], changeSeq);
        }
    }
}
