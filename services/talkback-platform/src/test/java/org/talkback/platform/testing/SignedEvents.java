package org.talkback.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.talkback.platform.events.DeliverySignature;

/** Builds event deliveries as another service's relay would send them. */
public final class SignedEvents {
    private final DeliverySignature signature;

    public SignedEvents(String secret) {
        this.signature = new DeliverySignature(secret, Duration.ofMinutes(5));
    }

    public static String envelope(UUID id, String type, String aggregateId, String site, String payloadJson) {
        return """
                {"id":"%s","type":"%s","aggregateType":"comment","aggregateId":"%s","occurredAt":"%s",
                 "site":"%s","payload":%s,"traceparent":null}
                """.formatted(id, type, aggregateId, Instant.now(), site, payloadJson);
    }

    public String sign(String body) {
        return signature.sign(body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    public String signAt(String body, Instant when) {
        return signature.sign(body.getBytes(StandardCharsets.UTF_8), when);
    }

    public boolean verify(String header, String body) {
        return signature.verify(header, body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }
}
