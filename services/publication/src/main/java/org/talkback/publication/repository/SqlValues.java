package org.talkback.publication.repository;

import java.sql.Timestamp;
import java.time.Instant;

/** Column values as the plain JDBC and native queries of this service get them back. */
public final class SqlValues {
    private SqlValues() {
    }

    /** A timestamptz column, whether the driver or Hibernate handed it over (as Timestamp or Instant), or null. */
    public static Instant instant(Object value) {
        return value == null ? null : value instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }
}
