package org.talkback.publication.model;

import java.util.Arrays;
import java.util.Optional;

/** How a site moderates: post (publish what spam-check calls ham), pre (hold all), first-time (hold newcomers). */
public enum ModerationMode {
    POST("post"), PRE("pre"), FIRST_TIME("first-time");

    private final String wireName;

    ModerationMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ModerationMode> of(String wireName) {
        return Arrays.stream(values()).filter(mode -> mode.wireName.equals(wireName)).findFirst();
    }
}
