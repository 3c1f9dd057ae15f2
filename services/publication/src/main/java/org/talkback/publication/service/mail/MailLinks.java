package org.talkback.publication.service.mail;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.repository.MailLinkRepository;
import org.talkback.publication.repository.MailLinkRepository.Link;

/**
 * The one-click links in mails: {@code PUBLIC_URL/mail/SITE/PURPOSE/TOKEN}, the token being the link's id and an
 * HMAC-SHA256 over id, site and purpose. A forged or altered token (or one moved to another site or purpose) is
 * refused before the database is asked; a genuine one still needs its row (mail_link): that is what makes it
 * single-use and expiring, and lets the link say what became of the comment.
 */
@ApplicationScoped
public class MailLinks {
    public static final String DECIDE = "decide";
    public static final String CONFIRM = "confirm";
    public static final String UNSUBSCRIBE = "unsubscribe";

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_BYTES = 16;

    private final MailLinkRepository links;
    private final String publicUrl;
    private final byte[] key;

    public MailLinks(MailLinkRepository links, PublicationConfig config,
            @ConfigProperty(name = "talkback.events.secret") String eventsSecret) {
        this.links = links;
        this.publicUrl = config.mail().publicUrl().replaceAll("/+$", "");
        // Not the events secret itself: one key, one purpose.
        this.key = config.mail().linkSecret().filter(secret -> !secret.isBlank())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> hmac(eventsSecret.getBytes(StandardCharsets.UTF_8), "talkback mail links"));
    }

    /** Stores a new link (in the caller's transaction) and returns its address. */
    public String create(String purpose, String siteId, UUID commentId, String action, String username, String email,
            Instant expiresAt) {
        UUID id = UUID.randomUUID();
        links.add(new Link(id, purpose, siteId, commentId, action, username, email, expiresAt, null));
        return publicUrl + "/mail/" + URLEncoder.encode(siteId, StandardCharsets.UTF_8) + "/" + purpose + "/"
                + token(id, siteId, purpose);
    }

    /** The link's id if the token is genuine for this site and purpose. */
    public Optional<UUID> verify(String siteId, String purpose, String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            ByteBuffer idBytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            if (idBytes.remaining() != 16) {
                return Optional.empty();
            }
            UUID id = new UUID(idBytes.getLong(), idBytes.getLong());
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, mac(id, siteId, purpose)) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String publicUrl() {
        return publicUrl;
    }

    private String token(UUID id, String siteId, String purpose) {
        ByteBuffer idBytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return BASE64.encodeToString(idBytes.array()) + "." + BASE64.encodeToString(mac(id, siteId, purpose));
    }

    private byte[] mac(UUID id, String siteId, String purpose) {
        return Arrays.copyOf(hmac(key, id + "\n" + siteId + "\n" + purpose), MAC_BYTES);
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
