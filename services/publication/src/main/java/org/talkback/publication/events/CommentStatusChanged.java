package org.talkback.publication.events;

import java.util.UUID;

/** Tells intake (and so the author) where a comment stands: published, held, spam, discarded or rejected. */
public record CommentStatusChanged(UUID commentId, String status, String previousStatus, String reason) {
}
