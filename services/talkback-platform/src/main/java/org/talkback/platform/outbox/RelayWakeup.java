package org.talkback.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The doorbell between the relay loops and what gives them work (this instance's commits, the NOTIFY listener for
 * write-only instances, admin re-queues), one bell per loop. A commit names the destinations its transaction wrote
 * deliveries for, and only their loops wake: a loop woken with nothing due would spend a claim query finding that
 * out.
 */
@ApplicationScoped
public class RelayWakeup {
    private final Map<String, List<Semaphore>> bellsByDestination = new ConcurrentHashMap<>();

    /** A bell for one relay loop of a destination. */
    Semaphore bell(String destination) {
        Semaphore bell = new Semaphore(0);
        bellsByDestination.computeIfAbsent(destination, d -> new CopyOnWriteArrayList<>()).add(bell);
        return bell;
    }

    /** Wakes every loop: after a reconnect, a re-queue, or a notification that does not say for whom. */
    public void ring() {
        bellsByDestination.values().forEach(RelayWakeup::ringAll);
    }

    public void ring(Collection<String> destinations) {
        for (String destination : destinations) {
            ringAll(bellsByDestination.getOrDefault(destination, List.of()));
        }
    }

    private static void ringAll(List<Semaphore> bells) {
        for (Semaphore bell : bells) {
            // One pending permit is enough: the woken loop claims everything due, and keeps claiming while
            // batches come back full.
            if (bell.availablePermits() == 0) {
                bell.release();
            }
        }
    }

    /** Waits for a ring or the timeout, whichever is first. */
    static void await(Semaphore bell, Duration timeout) throws InterruptedException {
        bell.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
