package org.talkback.spamcheck.service;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.talkback.platform.transactions.AfterCommit;

/**
 * What a check would otherwise look up in PostgreSQL every time (a site's settings, which site an API key belongs
 * to), kept per instance for a while. How long each answer is kept is the staleness other instances' changes may
 * see; changes made through this instance clear it once they commit.
 */
final class ShortTermMemory<K, V> {

    private record Remembered<V>(V value, long until) {
    }

    /**
     * Keys come from requests (an API key is remembered even when it is unknown): a client sending random keys must
     * not grow the memory without end.
     */
    static final int MAX_REMEMBERED = 10_000;

    private final Map<K, Remembered<V>> remembered = new ConcurrentHashMap<>();
    private final ToLongFunction<V> keepNanos;

    /** keepNanos: how long to keep an answer, which may depend on the answer. */
    ShortTermMemory(ToLongFunction<V> keepNanos) {
        this.keepNanos = keepNanos;
    }

    V get(K key, Function<K, V> lookUp) {
        long now = System.nanoTime();
        Remembered<V> known = remembered.get(key);
        if (known == null || known.until() - now < 0) {
            V value = lookUp.apply(key);
            if (remembered.size() >= MAX_REMEMBERED) {
                makeRoom(now);
            }
            known = new Remembered<>(value, now + keepNanos.applyAsLong(value));
            remembered.put(key, known);
        }
        return known.value();
    }

    private void makeRoom(long now) {
        remembered.values().removeIf(known -> known.until() - now < 0);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear(); // all still fresh: a flood of keys; those in use are looked up again
        }
    }

    int size() {
        return remembered.size();
    }

    /** Something was changed in the caller's transaction: once it has committed, look everything up again. */
    void forgetAfterCommit(TransactionSynchronizationRegistry transactions) {
        AfterCommit.run(transactions, remembered::clear);
    }
}
