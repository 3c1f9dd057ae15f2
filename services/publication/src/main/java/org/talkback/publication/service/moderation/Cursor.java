package org.talkback.publication.service.moderation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.talkback.platform.problem.ProblemException;

/**
 * A keyset cursor: the (createdAt, id) of the last item a client saw. Unlike an offset, it stays right while new
 * comments arrive, because the next page starts strictly after a fixed point of the ordering.
 */
public record Cursor(Instant createdAt, UUID id) {

    /** One page of rows and the cursor of the next page, or null when this is the last. */
    public record Page<T>(List<T> rows, String nextCursor) {
    }

    /**
     * Cuts a page from rows fetched with limit + 1: the extra row only tells that there is a next page, whose
     * cursor is then the position of the page's last row.
     */
    public static <T> Page<T> page(List<T> rowsPlusOne, int limit, Function<T, Cursor> positionOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> rows = rowsPlusOne.subList(0, limit);
        return new Page<>(rows, positionOf.apply(rows.get(limit - 1)).encode());
    }

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
