package org.talkback.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The doorbell between the NOTIFY listener (and admin re-queues) and the relay loops. A notification does not say
 * which destinations an event is for, so a ring wakes every loop; a loop with nothing due claims nothing.
 */
@ApplicationScoped
public class RelayWakeup {
    private final List<Semaphore> bells = new CopyOnWriteArrayList<>();

    /** A bell for one relay loop. */
    Semaphore bell() {
        Semaphore bell = new Semaphore(0);
        bells.add(bell);
        return bell;
    }

    public void ring() {
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
