package org.talkback.spamcheck.events;

import java.util.List;
import java.util.UUID;
import org.talkback.spamcheck.model.SpamCheck.Reason;

/** The verdict on one comment, as publication reads it to decide what is shown. */
public record CommentClassified(UUID commentId, UUID checkId, String verdict, double score, boolean discard,
        List<Reason> reasons) {
}
