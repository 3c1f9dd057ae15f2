package org.talkback.spamcheck.model;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** spam-check's three verdicts, stored and sent by their lower-case names. */
public enum Judgement {
    /** Publish (or, with pre-moderation, hold as the site says). */
    HAM("ham"),
    /** A moderator decides. */
    UNSURE("unsure"),
    SPAM("spam");

    private final String wireName;

    Judgement(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }

    public static Judgement of(String wireName) {
        return Arrays.stream(values()).filter(judgement -> judgement.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a verdict: " + wireName));
    }

    @Converter
    public static class Column implements AttributeConverter<Judgement, String> {
        @Override
        public String convertToDatabaseColumn(Judgement judgement) {
            return judgement == null ? null : judgement.wireName;
        }

        @Override
        public Judgement convertToEntityAttribute(String column) {
            return column == null ? null : of(column);
        }
    }
}
