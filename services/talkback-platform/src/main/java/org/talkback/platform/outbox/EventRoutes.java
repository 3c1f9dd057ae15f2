package org.talkback.platform.outbox;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.talkback.platform.events.EventType;

/**
 * Where this service's events go: the consumers {@link EventType} names, at the addresses configured under
 * {@code talkback.outbox.subscribers.NAME.url}. A service that publishes an event type must know where each of its
 * consumers is; one that does not refuses to start, instead of quietly writing events nobody will receive.
 */
@ApplicationScoped
public class EventRoutes {

    private final String service;
    private final OutboxConfig config;

    public EventRoutes(@ConfigProperty(name = "quarkus.application.name") String service, OutboxConfig config) {
        this.service = service;
        this.config = config;
    }

    /** The destinations of one event type, as outbox_delivery rows name them. */
    public List<String> destinationsOf(EventType type) {
        return config.restDelivery() ? type.consumers() : List.of();
    }

    /** Every service this one delivers to (the relay runs one loop for each). */
    public Set<String> destinations() {
        Set<String> destinations = new TreeSet<>();
        if (!config.restDelivery()) {
            return destinations;
        }
        for (EventType type : EventType.values()) {
            if (type.producer().equals(service)) {
                destinations.addAll(type.consumers());
            }
        }
        return destinations;
    }

    public String urlOf(String destination) {
        OutboxConfig.Subscriber subscriber = config.subscribers().get(destination);
        return subscriber == null ? null : subscriber.url();
    }

    /** How long deliveries to this destination gather under load, when it is set apart from the default. */
    public Optional<Duration> lingerOf(String destination) {
        OutboxConfig.Subscriber subscriber = config.subscribers().get(destination);
        return subscriber == null ? Optional.empty() : subscriber.linger();
    }

    void check(@Observes StartupEvent event) {
        List<String> missing = new ArrayList<>();
        for (String destination : destinations()) {
            if (urlOf(destination) == null) {
                missing.add("talkback.outbox.subscribers." + destination + ".url");
            }
        }
        Set<String> unknown = new TreeSet<>(config.restDelivery() ? config.subscribers().keySet() : Set.of());
        unknown.removeAll(destinations());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException(service + " publishes events for " + destinations()
                    + (missing.isEmpty() ? "" : "; missing: " + missing)
                    + (unknown.isEmpty() ? "" : "; configured but never sent anything: " + unknown));
        }
    }
}
