package org.talkback.platform.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.talkback.platform.notify.ChannelListener;
import org.talkback.platform.notify.ListenerDatabase;

/**
 * Rings the relay loops a notification on the outbox channel names: the commits of instances whose own relay is off
 * (Outbox; an instance that relays rings itself). While the listening connection is down, the relay's fallback
 * poll keeps events moving, only slower; after it reconnects, the relay is rung once for anything committed
 * meanwhile.
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
                payloads -> ringNamed(wakeup, payloads));
    }

    /** A payload names the destinations (OutboxSql.INSERT_EVENTS); an empty one, from older rows, wakes all. */
    private static void ringNamed(RelayWakeup wakeup, List<String> payloads) {
        Set<String> destinations = new HashSet<>();
        for (String payload : payloads) {
            if (payload == null || payload.isBlank()) {
                wakeup.ring();
                return;
            }
            destinations.addAll(Arrays.asList(payload.split(",")));
        }
        wakeup.ring(destinations);
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
