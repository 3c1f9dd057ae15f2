package org.talkback.platform.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's own database, for {@link ChannelListener}s: the pool's settings, used outside the pool. */
@ApplicationScoped
public class ListenerDatabase {
    private final ChannelListener.Connect connect;

    public ListenerDatabase(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.connect = new ChannelListener.Connect(jdbcUrl, username, password);
    }

    public ChannelListener.Connect connect() {
        return connect;
    }
}
