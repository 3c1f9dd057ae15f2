package org.talkback.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.talkback.intake.model.ModerationStatus;

/** The answer to a new comment: the edit token is shown this once and never again. */
public record CommentReceipt(UUID id, ModerationStatus.ForAuthor status, String editToken, Instant editableUntil) {
}
