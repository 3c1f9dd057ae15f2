package org.talkback.publication.service.read;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.threads.ThreadPosition;

/**
 * Where the next page of a thread starts: the reading-order position of the last comment a client got. Positions
 * never change and new comments get new ones, so a page started from a cursor neither repeats nor skips a
 * comment that existed when the first page was read, however many readers reply meanwhile.
 */
public final class ThreadCursor {
    private static final Pattern POSITION = Pattern.compile("[0-9a-f]{45}(/[0-9a-f]{45})*");

    private ThreadCursor() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position to read after, or empty for the first page. */
    public static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (position.length() <= ThreadPosition.MAX_LENGTH && POSITION.matcher(position).matches()) {
                return Optional.of(position);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("The cursor is not one this server handed out.");
    }
}
