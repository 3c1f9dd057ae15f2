package org.talkback.publication.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.talkback.platform.problem.ProblemException;

/**
 * A keyset cursor: the (createdAt, id) of the last item a client saw. Unlike an offset, it stays right while new
 * comments arrive, because the next page starts strictly after a fixed point of the ordering.
 */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Cursor> decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split(":");
            return Optional.of(new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("The cursor is not one this server handed out.");
        }
    }
}
