package org.talkback.spamcheck.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The longest author fields a check or a lesson may carry: what the stored check and the author's record keep (an
 * email as long as intake accepts, an address with room for IPv6 and a zone). Longer ones are refused before
 * judging; they used to reach the database and fail there, as a server error.
 */
final class AuthorFieldLimits {
    static final int EMAIL = 254;
    static final int URL = 500;
    static final int ADDRESS = 64;

    private AuthorFieldLimits() {
    }

    /** The given fields (name to value, in the caller's names) that are too long, each with its limit. */
    static Map<String, Integer> tooLong(String emailField, String email, String urlField, String url,
            String addressField, String address) {
        Map<String, Integer> tooLong = new LinkedHashMap<>();
        if (email != null && email.length() > EMAIL) {
            tooLong.put(emailField, EMAIL);
        }
        if (url != null && url.length() > URL) {
            tooLong.put(urlField, URL);
        }
        if (address != null && address.length() > ADDRESS) {
            tooLong.put(addressField, ADDRESS);
        }
        return tooLong;
    }
}
