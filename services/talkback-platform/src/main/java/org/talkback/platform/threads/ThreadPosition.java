package org.talkback.platform.threads;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a comment sits in its thread, as a string whose plain byte order is the order readers see: oldest
 * conversation first, each reply right after its parent and the replies before it. A comment's position is its
 * parent's position followed by a segment of its own (when it was written, then its id to break ties), so a
 * whole sub-thread sorts as one block and no position ever changes once given. That is what lets the read side
 * page with a keyset cursor on one indexed column, and what keeps a page boundary fixed while readers reply.
 *
 * <p>Intake gives the position when it accepts a comment (it knows the parent); publication stores it. Compare
 * positions byte by byte (PostgreSQL: {@code collate "C"}), never with a language's collation.
 */
public final class ThreadPosition {
    /** 13 hex digits of microseconds since 1970 reach the year 2112; then 32 of the id. */
    static final int SEGMENT_LENGTH = 13 + 32;
    private static final char SEPARATOR = '/';
    /** Intake allows nesting up to a site's depth; no site may nest deeper than this, which bounds the column. */
    public static final int MAX_LENGTH = 8 * (SEGMENT_LENGTH + 1);

    private ThreadPosition() {
    }

    public static String topLevel(Instant createdAt, UUID id) {
        return segment(createdAt, id);
    }

    public static String replyTo(String parentPosition, Instant createdAt, UUID id) {
        return parentPosition + SEPARATOR + segment(createdAt, id);
    }

    private static String segment(Instant createdAt, UUID id) {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        String time = Long.toHexString(micros);
        return "0".repeat(13 - time.length()) + time + id.toString().replace("-", "");
    }
}
