package org.talkback.publication.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the one operator-facing setting TALKBACK_SMTP_TLS ({@code none}, {@code starttls}, {@code tls}) into the two
 * settings Quarkus Mailer has for it: {@code quarkus.mailer.tls} (TLS from the first byte, usually port 465) and
 * {@code quarkus.mailer.start-tls} (upgrade a plain connection, usually port 587). Unset, neither is given and the
 * mailer's default applies (STARTTLS when the server offers it). Anything else stops the start with its name.
 *
 * <p>Its ordinal is just above application.properties, below environment variables and system properties, so
 * that the mailer's own settings still win when someone sets them directly.
 */
public class SmtpTlsConfigSource implements ConfigSource {
    static final String VARIABLE = "TALKBACK_SMTP_TLS";

    private final Map<String, String> properties;

    public SmtpTlsConfigSource() {
        String value = System.getProperty("talkback.smtp.tls", System.getenv(VARIABLE));
        this.properties = value == null || value.isBlank() ? Map.of() : forMode(value.trim().toLowerCase(Locale.ROOT));
    }

    public static Map<String, String> forMode(String mode) {
        return switch (mode) {
            case "none" -> Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED");
            case "starttls" -> Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "REQUIRED");
            case "tls" -> Map.of("quarkus.mailer.tls", "true", "quarkus.mailer.start-tls", "DISABLED");
            default -> throw new IllegalArgumentException(VARIABLE + " must be none, starttls or tls, not '" + mode + "'");
        };
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "TALKBACK_SMTP_TLS";
    }

    @Override
    public int getOrdinal() {
        return 260;
    }
}
