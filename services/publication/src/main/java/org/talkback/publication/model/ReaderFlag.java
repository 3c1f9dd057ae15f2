package org.talkback.publication.model;

import java.time.Instant;

/** A reader's report on a comment, as moderators see it. */
public record ReaderFlag(String reason, Instant at) {
}
