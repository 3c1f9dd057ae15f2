package org.talkback.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.talkback.publication.config.SmtpTlsConfigSource;

/** TALKBACK_SMTP_TLS's three words become the mailer's two settings; anything else stops the start, named. */
class SmtpTlsConfigSourceTest {

    @Test
    void eachModeSetsBothOfTheMailersTlsSettings() {
        assertEquals(Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED"), SmtpTlsConfigSource.forMode("none"));
        assertEquals(Map.of("quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "REQUIRED"), SmtpTlsConfigSource.forMode("starttls"));
        assertEquals(Map.of("quarkus.mailer.tls", "true", "quarkus.mailer.start-tls", "DISABLED"), SmtpTlsConfigSource.forMode("tls"));
    }

    @Test
    void aMisspeltModeIsRefusedWithTheVariablesName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SmtpTlsConfigSource.forMode("ssl"));
        assertTrue(refused.getMessage().contains("TALKBACK_SMTP_TLS must be none, starttls or tls"), refused.getMessage());
    }
}
