package org.talkback.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The doorbell between the NOTIFY listener (and admin re-queues) and the relay loop. */
@ApplicationScoped
public class RelayWakeup {
    private final Semaphore bell = new Semaphore(0);

    public void ring() {
        // One pending permit is enough: whichever relay loop wakes claims everything due, and keeps claiming
        // while batches come back full; the other loops join in on the next rings.
        if (bell.availablePermits() == 0) {
            bell.release();
        }
    }

    /** Waits for a ring or the timeout, whichever is first. */
    void await(Duration timeout) throws InterruptedException {
        bell.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
