package org.talkback.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.events.DeliverySignature;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.problem.ProblemException;

/**
 * Where the other services' relays deliver events. Internal: the gateway does not route here, and every delivery
 * must carry a fresh HMAC signature made with the deployment's shared secret.
 */
@Path("/internal/events")
public class EventReceiverResource {

    private final DeliverySignature signature;
    private final ObjectMapper objectMapper;
    private final Inbox inbox;
    private final MeterRegistry meters;

    public EventReceiverResource(DeliverySignature signature, ObjectMapper objectMapper, Inbox inbox, MeterRegistry meters) {
        this.signature = signature;
        this.objectMapper = objectMapper;
        this.inbox = inbox;
        this.meters = meters;
    }

    public record Receipt(String eventId, String outcome) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Internal: receive one signed event from another Talkback service")
    public Receipt receive(@HeaderParam(DeliverySignature.HEADER) String signatureHeader, byte[] body) {
        if (!signature.verify(signatureHeader, body, Instant.now())) {
            throw ProblemException.unauthorized("The delivery is unsigned, wrongly signed or too old.");
        }
        EventEnvelope event = parse(body);
        EventConsumer consumer = inbox.consumerOf(event.type())
                .orElseThrow(() -> new ProblemException(422, "Unprocessable event",
                        "This service does not consume " + event.type() + " events.", null));
        Inbox.Outcome outcome = inbox.apply(event, consumer);
        meters.counter("talkback.inbox.events", "type", event.type(), "outcome", outcome.name().toLowerCase())
                .increment();
        return new Receipt(event.id().toString(), outcome.name().toLowerCase());
    }

    private EventEnvelope parse(byte[] body) {
        try {
            EventEnvelope event = objectMapper.readValue(body, EventEnvelope.class);
            if (event.id() == null || event.type() == null || event.payload() == null) {
                throw ProblemException.badRequest("An event needs an id, a type and a payload.");
            }
            return event;
        } catch (IOException e) {
            throw ProblemException.badRequest("The event is not a valid envelope.");
        }
    }
}
