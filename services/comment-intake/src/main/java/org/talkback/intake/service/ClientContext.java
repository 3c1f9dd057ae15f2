package org.talkback.intake.service;

/** Where a comment came from, as far as the request can tell: what the spam check weighs besides the text. */
public record ClientContext(String address, String userAgent, String referrer) {
}
