package org.talkback.intake.service;

/**
 * Where a comment came from, as far as the request can tell: what the spam check weighs besides the text, and
 * the page's origin when a browser sent it (null from servers and scripts, which send none).
 */
public record ClientContext(String address, String userAgent, String referrer, String origin) {
}
