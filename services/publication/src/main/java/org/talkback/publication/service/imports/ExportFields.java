package org.talkback.publication.service.imports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reading the loosely typed fields of export files: trimmed strings, booleans, dates in the forms seen in them. */
final class ExportFields {
    private static final DateTimeFormatter WORDPRESS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ExportFields() {
    }

    static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    static boolean isTrue(String value) {
        String trimmed = trimmed(value);
        return "true".equalsIgnoreCase(trimmed) || "1".equals(trimmed);
    }

    /**
     * ISO dates with or without an offset (UTC assumed without), and WordPress's "2014-03-01 09:30:00" (UTC: the
     * callers pass the _gmt column); null for missing, zero ("0000-00-00 00:00:00") or unreadable dates.
     */
    static Instant instant(String value) {
        String trimmed = trimmed(value);
        if (trimmed == null || trimmed.startsWith("0000")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notIso) {
                try {
                    return LocalDateTime.parse(trimmed, WORDPRESS).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }
}
