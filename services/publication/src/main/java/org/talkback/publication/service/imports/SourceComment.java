package org.talkback.publication.service.imports;

import java.time.Instant;

/**
 * One comment as the exporting system had it, read but not yet mended: ids are the source's own (strings, since
 * Disqus's are numbers, WordPress's are numbers per blog and Talkback's are UUIDs), the body already plain text.
 * A null {@code createdAt} means the source gave no usable date.
 */
public record SourceComment(
        String sourceId,
        String threadKey,
        String parentSourceId,
        String authorName,
        String authorEmail,
        String authorUrl,
        String clientIp,
        Instant createdAt,
        String body,
        SourceStatus status,
        /** For the report: where in the file the comment starts (line, or 0 when unknown). */
        int line) {
}
