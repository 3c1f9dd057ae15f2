package org.talkback.platform.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.talkback.platform.events.DeliverySignature;
import org.talkback.platform.outbox.EventRoutes;
import org.talkback.platform.problem.ProblemException;

/**
 * The few questions one service asks another directly, where an event cannot answer (an admin waiting for a
 * reader's data from all three): a POST of a JSON question to the other service's {@code /internal/} path, found
 * from the address its events go to, signed with the events' key like a delivery, so that only the services can
 * ask. The answer is read, never changed: a replayed question learns nothing its first answer did not say.
 */
@ApplicationScoped
public class ServiceQueries {
    private static final String EVENTS_PATH = "/internal/events";

    private final EventRoutes routes;
    private final DeliverySignature signature;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServiceQueries(EventRoutes routes, DeliverySignature signature, ObjectMapper json) {
        this.routes = routes;
        this.signature = signature;
        this.json = json;
    }

    /** The question another service asked this one, once its signature is checked (401 otherwise). */
    public <T> T question(String signatureHeader, byte[] body, Class<T> type) {
        if (!signature.verify(signatureHeader, body, Instant.now())) {
            throw ProblemException.unauthorized("The question is unsigned, wrongly signed or too old.");
        }
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw ProblemException.badRequest("The question is not " + type.getSimpleName() + " JSON.");
        }
    }

    /** Asks {@code service} (a destination name, e.g. comment-intake); a 503 problem when it cannot answer. */
    public JsonNode post(String service, String path, Object question) {
        String events = routes.urlOf(service);
        if (events == null || !events.endsWith(EVENTS_PATH)) {
            throw new ProblemException(503, "Service Unavailable", "No address is configured for " + service + ".", null);
        }
        String base = events.substring(0, events.length() - EVENTS_PATH.length());
        try {
            byte[] body = json.writeValueAsBytes(question);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header(DeliverySignature.HEADER, signature.sign(body, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ProblemException(503, "Service Unavailable",
                        service + " answered " + response.statusCode() + "; try again.", null);
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new ProblemException(503, "Service Unavailable", service + " cannot be reached; try again.", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "interrupted", null);
        }
    }
}
