package org.talkback.publication.events;

import java.util.List;
import java.util.UUID;
import org.talkback.platform.events.DomainEvent;
import org.talkback.platform.events.EventType;
import org.talkback.publication.service.imports.ImportedComment;

/** The comments of one import batch that were new here, parents before their replies. */
public record CommentsImported(UUID importId, int batch, String format, List<ImportedComment> comments)
        implements DomainEvent {

    @Override
    public EventType eventType() {
        return EventType.COMMENTS_IMPORTED;
    }

    @Override
    public String aggregateId() {
        return importId.toString();
    }
}
