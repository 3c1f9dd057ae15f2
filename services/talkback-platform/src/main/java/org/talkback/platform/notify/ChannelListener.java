package org.talkback.platform.notify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One dedicated connection in LISTEN on a PostgreSQL channel, on a thread of its own, handing each batch of
 * notification payloads to a consumer. A pooled connection would be handed back and lose its LISTEN; this one
 * lives outside the pool and reconnects by itself. Notifications sent while it was disconnected are lost, so
 * {@code onConnected} runs after every (re)connection for the owner to catch up some other way.
 */
public final class ChannelListener {
    private static final Logger LOG = Logger.getLogger(ChannelListener.class);

    public record Connect(String jdbcUrl, Optional<String> username, Optional<String> password) {
    }

    private final Connect connect;
    private final String channel;
    private final Duration wait;
    private final Runnable onConnected;
    private final Consumer<List<String>> onNotified;
    private volatile boolean running;
    private Thread thread;

    /** {@code wait} bounds how long one wait for notifications blocks, and the pause before a reconnection. */
    public ChannelListener(Connect connect, String channel, Duration wait, Runnable onConnected,
            Consumer<List<String>> onNotified) {
        this.connect = connect;
        // The channel comes from configuration or code, not from a request; it is quoted as an identifier anyway.
        this.channel = channel.replace("\"", "");
        this.wait = wait;
        this.onConnected = onConnected;
        this.onNotified = onNotified;
    }

    public void start() {
        running = true;
        thread = new Thread(this::listen, channel + "-listener");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(connect.jdbcUrl(),
                    connect.username().orElse(null), connect.password().orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel + "\"");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                onConnected.run();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) wait.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        List<String> payloads = new ArrayList<>(notifications.length);
                        for (PGNotification notification : notifications) {
                            payloads.add(notification.getParameter());
                        }
                        onNotified.accept(payloads);
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("listener on %s lost its connection (%s); reconnecting", channel, e.getMessage());
                    sleepQuietly(wait.toMillis());
                }
            } catch (RuntimeException e) {
                // A failing consumer must not end the listening for everyone else.
                LOG.errorf(e, "handling a notification on %s failed", channel);
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
