package org.talkback.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "talkback.outbox")
public interface OutboxConfig {

    /** Turns the relay off, for a service instance that should only write (its events wait for another instance). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * Whether events are delivered over REST at all. Off when Debezium reads the outbox table instead: then no
     * delivery rows are written and no relay runs, and the subscribers' addresses are not needed.
     */
    @WithDefault("true")
    boolean restDelivery();

    /** The LISTEN/NOTIFY channel; one per database, so the default is fine unless databases are shared. */
    @WithDefault("talkback_outbox")
    String channel();

    /**
     * Most events per delivery. Large enough that a backlog drains in few round trips; a delivery is cut earlier
     * at {@link #maxBatchBytes()} of payload, so it stays under the receivers' request limit whatever the events.
     */
    @WithDefault("250")
    int batchSize();

    /** Most payload bytes per delivery (at least one event goes, whatever its size). */
    @WithDefault("4000000")
    int maxBatchBytes();

    /**
     * Relay loops per destination in each instance. One is the right number on a small machine: while its batch
     * is being applied, new events gather, and the next claim takes them all, so batches grow with the load and a
     * destination applies one batch at a time. Several loops (each claims its own rows, SKIP LOCKED) deliver in
     * parallel, which helps only when a destination has cores to spare and its round trips are slow; measured on
     * two cores, four shared loops sent batches of one event each and the receivers' concurrent transactions queued
     * on each other's row locks (pipeline p99 369 ms at 100 comments/s, against 114 and 170 ms with one loop per
     * destination; an earlier run of the pipeline benchmark).
     */
    @WithDefault("1")
    int relayThreads();

    /**
     * Under load, how long a relay loop lets events gather between deliveries (at most this per hop on a comment's
     * way). Idle, a notification is delivered at once.
     */
    @WithDefault("5ms")
    Duration linger();

    /**
     * Whether the relay's round (deleting what was delivered) waits for its commit to reach the disk. It need not
     * for safety: a lost commit only means a redelivery, which the inboxes absorb. Measured with the pipeline
     * benchmark on the same build and day: at 100 comments/s p99 229 ms without waiting, 348 ms waiting (CPU per
     * comment the same); at 500/s both saturated the two cores.
     */
    @WithDefault("false")
    boolean relayCommitWaits();

    /** The fallback poll, for when a notification is missed (listener reconnecting, a retry falling due). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a delivery request may take; the relay's claims (row locks) are held meanwhile. Generous, because
     * an overloaded receiver that is still applying a batch when the relay gives up gets the same batch again: a
     * short timeout turns overload into duplicate work.
     */
    @WithDefault("10s")
    Duration deliveryTimeout();

    /** After this many error answers from a destination, an event is parked until an admin re-queues it. */
    @WithDefault("10")
    int maxFailures();

    @WithDefault("500ms")
    Duration backoffBase();

    /** The longest retry delay of an event its destination refused. */
    @WithDefault("30s")
    Duration backoffMax();

    /**
     * While a destination cannot be reached at all, how often at most it is probed, so that when it comes back
     * (a restart, a deployment) its backlog moves within this long. A probe is one claim and one refused connection.
     */
    @WithDefault("2s")
    Duration outageProbeMax();

    /** Delivered events are kept this long (for debugging) before housekeeping deletes them. */
    @WithDefault("10m")
    Duration retention();

    /** Inbox rows are the dedupe memory: a redelivery older than this would be applied again. */
    @WithDefault("7d")
    Duration inboxRetention();

    /** How often the backlog gauges are refreshed from the database. */
    @WithDefault("5s")
    Duration metricsInterval();

    @WithDefault("30s")
    Duration cleanupInterval();

    /**
     * Where the services this one delivers to are, by name ({@code talkback.outbox.subscribers.spam-check.url}).
     * Which events each of them takes is not configuration: {@link org.talkback.platform.events.EventType} says.
     */
    Map<String, Subscriber> subscribers();

    interface Subscriber {
        String url();

        /**
         * This destination's {@link #linger()}, longer for one that no reader waits on: its events gather into
         * fewer deliveries, each costing one relay round and one inbox transaction. The service that subscribes it
         * says which those are, and why, in its own configuration.
         */
        Optional<Duration> linger();
    }
}
