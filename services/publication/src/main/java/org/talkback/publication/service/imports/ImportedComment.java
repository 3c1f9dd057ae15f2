package org.talkback.publication.service.imports;

import java.time.Instant;
import java.util.UUID;

/**
 * A comment ready to be stored: mended, placed in its thread, with an id derived from the site and the source's id
 * (so importing the same file again finds the same comments), and the status it takes here. Also the shape of the
 * comments in a {@code CommentsImported} event.
 */
public record ImportedComment(
        UUID id,
        String sourceId,
        String threadUrl,
        String threadTitle,
        UUID parentId,
        int depth,
        String threadPosition,
        String authorName,
        String authorEmail,
        String authorUrl,
        String clientIp,
        Instant createdAt,
        String body,
        /** publication's status name: published, held, spam, rejected, flagged. */
        String status) {
}
