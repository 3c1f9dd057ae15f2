package org.talkback.platform.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.talkback.platform.notify.ChannelListener;
import org.talkback.platform.notify.ListenerDatabase;

/**
 * Rings the relay for every notification on the outbox channel. While the listening connection is down, the
 * relay's fallback poll keeps events moving, only slower; after it reconnects, the relay is rung once for
 * anything committed meanwhile.
 */
@ApplicationScoped
public class OutboxListener {

    private final OutboxConfig config;
    private final ChannelListener listener;
    private final EventRoutes routes;

    public OutboxListener(OutboxConfig config, RelayWakeup wakeup, ListenerDatabase database, EventRoutes routes) {
        this.config = config;
        this.routes = routes;
        this.listener = new ChannelListener(database.connect(), config.channel(), config.pollInterval(), wakeup::ring,
                payloads -> wakeup.ring());
    }

    void start(@Observes StartupEvent event) {
        if (config.relayEnabled() && !routes.destinations().isEmpty()) {
            listener.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }
}
