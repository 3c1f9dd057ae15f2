package org.talkback.platform.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Holds one dedicated connection in LISTEN on the outbox channel and rings the relay for every notification. A
 * pooled connection would be handed back and lose its LISTEN; this one lives outside the pool and reconnects on
 * its own. While it is down, the relay's fallback poll keeps events moving, only slower.
 */
@ApplicationScoped
public class OutboxListener {
    private static final Logger LOG = Logger.getLogger(OutboxListener.class);

    private final OutboxConfig config;
    private final RelayWakeup wakeup;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private Thread thread;

    public OutboxListener(OutboxConfig config, RelayWakeup wakeup,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.wakeup = wakeup;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled() || config.subscribers().isEmpty()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "outbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, username.orElse(null), password.orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    // The channel comes from configuration, not from a request; quote it as an identifier anyway.
                    statement.execute("LISTEN \"" + config.channel().replace("\"", "") + "\"");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                wakeup.ring(); // anything committed while we were not listening
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) config.pollInterval().toMillis());
                    if (notifications != null && notifications.length > 0) {
                        wakeup.ring();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("outbox listener lost its connection (%s); the fallback poll covers until it is back", e.getMessage());
                    sleepQuietly(config.pollInterval().toMillis());
                }
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
