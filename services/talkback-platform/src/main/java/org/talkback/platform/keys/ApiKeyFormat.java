package org.talkback.platform.keys;

import java.util.regex.Pattern;

/**
 * What an API key of a site looks like, in every service: 8 to 64 letters, digits, dashes and underscores. Short
 * enough to be a label of a host name, as old Akismet clients send it ({@code KEY.rest.example}); the local
 * launcher's {@code local-development-key} is one.
 */
public final class ApiKeyFormat {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    public static final String DESCRIPTION = "8 to 64 letters, digits, dashes or underscores";

    private ApiKeyFormat() {
    }

    public static boolean isWellFormed(String key) {
        return key != null && PATTERN.matcher(key).matches();
    }
}
