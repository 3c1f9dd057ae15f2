package org.talkback.platform.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.talkback.platform.notify.ChannelListener;

/**
 * Rings the relay for every notification on the outbox channel. While the listening connection is down, the
 * relay's fallback poll keeps events moving, only slower; after it reconnects, the relay is rung once for
 * anything committed meanwhile.
 */
@ApplicationScoped
public class OutboxListener {

    private final OutboxConfig config;
    private final ChannelListener listener;

    public OutboxListener(OutboxConfig config, RelayWakeup wakeup,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.listener = new ChannelListener(new ChannelListener.Connect(jdbcUrl, username, password),
                config.channel(), config.pollInterval(), wakeup::ring, payloads -> wakeup.ring());
    }

    void start(@Observes StartupEvent event) {
        if (config.relayEnabled() && !config.subscribers().isEmpty()) {
            listener.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }
}
