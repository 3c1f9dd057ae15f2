package org.talkback.intake.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The author's key to their own comment: 256 random bits, handed out once. Only a SHA-256 hash is stored, so a
 * leaked database does not let anyone edit comments; a fast hash is enough because the token is not guessable.
 */
public final class EditTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private EditTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The token for a POST sent with an Idempotency-Key: derived (HMAC with the server's secret) rather than
     * random, so a retry can be given the same token without the token ever being stored. The key must be
     * unguessable (the resource insists on at least 16 characters), since whoever repeats it gets the token.
     */
    public static String forIdempotentRequest(String secret, String siteId, String idempotencyKey, UUID commentId) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] token = hmac.doFinal(("edit-token\n" + siteId + "\n" + idempotencyKey + "\n" + commentId)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    public static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty() || token.length() > 100 || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
