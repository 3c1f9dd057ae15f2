package org.talkback.publication.events;

import java.util.List;
import java.util.UUID;
import org.talkback.publication.model.ModeratedComment.Reason;

/** publication's own copy of spam-check's verdict event. */
public final class SpamCheckEvents {

    private SpamCheckEvents() {
    }

    public record CommentClassified(UUID commentId, int revision, UUID checkId, String verdict, double score, boolean discard,
            List<Reason> reasons) {
    }
}
