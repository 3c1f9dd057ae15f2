package org.talkback.publication.model;

/**
 * spam-check's verdict as publication acts on it. A verdict this version does not know (a newer spam-check's)
 * reads as OTHER, and a person decides, as for unsure.
 */
public enum SpamVerdict {
    HAM, SPAM, UNSURE, OTHER;

    public static SpamVerdict of(String wireName) {
        return switch (wireName == null ? "" : wireName) {
            case "ham" -> HAM;
            case "spam" -> SPAM;
            case "unsure" -> UNSURE;
            default -> OTHER;
        };
    }
}
