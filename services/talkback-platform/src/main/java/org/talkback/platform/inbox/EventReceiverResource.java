package org.talkback.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.events.DeliverySignature;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.problem.ProblemException;

/**
 * Where the other services' relays deliver events. Internal: the gateway does not route here, and every delivery
 * must carry a fresh HMAC signature made with the deployment's shared secret. A delivery is a batch
 * {@code {"events": [...]}} (what relays send) or a single bare event.
 */
@Path("/internal/events")
public class EventReceiverResource {
    static final int MAX_BATCH = 500;
    private static final long SLOW_BATCH_MILLIS = 1000;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EventReceiverResource.class);

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

    public record BatchReceipt(List<Receipt> results) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Internal: receive signed events from another Talkback service")
    public Object receive(@HeaderParam(DeliverySignature.HEADER) String signatureHeader, byte[] body) {
        if (!signature.verify(signatureHeader, body, Instant.now())) {
            throw ProblemException.unauthorized("The delivery is unsigned, wrongly signed or too old.");
        }
        JsonNode root = readTree(body);
        boolean batch = root.has("events");
        List<EventEnvelope> events = batch ? parseBatch(root.get("events")) : List.of(parse(root));
        long started = System.nanoTime();
        List<Inbox.Result> results = inbox.applyAll(events);
        long millis = (System.nanoTime() - started) / 1_000_000;
        meters.timer("talkback.inbox.batch").record(java.time.Duration.ofMillis(millis));
        if (millis > SLOW_BATCH_MILLIS) {
            LOG.infof("slow delivery: %d events took %d ms to apply", events.size(), millis);
        }
        List<Receipt> receipts = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Inbox.Result result = results.get(i);
            String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
            meters.counter("talkback.inbox.events", "type", events.get(i).type(), "outcome", outcome).increment();
            receipts.add(new Receipt(result.eventId().toString(), outcome));
        }
        if (!batch) {
            Inbox.Result only = results.get(0);
            if (only.outcome() == Inbox.Outcome.REFUSED) {
                throw new ProblemException(only.status(), "Event refused", only.detail(), null);
            }
            return receipts.get(0);
        }
        return new BatchReceipt(receipts);
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode root = objectMapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw ProblemException.badRequest("A delivery is a JSON object.");
            }
            return root;
        } catch (IOException e) {
            throw ProblemException.badRequest("The delivery is not valid JSON.");
        }
    }

    private List<EventEnvelope> parseBatch(JsonNode events) {
        if (!events.isArray() || events.isEmpty() || events.size() > MAX_BATCH) {
            throw ProblemException.badRequest("events must be a list of 1 to " + MAX_BATCH + " events.");
        }
        List<EventEnvelope> parsed = new ArrayList<>(events.size());
        events.forEach(event -> parsed.add(parse(event)));
        return parsed;
    }

    private EventEnvelope parse(JsonNode node) {
        try {
            EventEnvelope event = objectMapper.treeToValue(node, EventEnvelope.class);
            if (event.id() == null || event.type() == null || event.payload() == null) {
                throw ProblemException.badRequest("An event needs an id, a type and a payload.");
            }
            return event;
        } catch (IOException | IllegalArgumentException e) {
            throw ProblemException.badRequest("The event is not a valid envelope.");
        }
    }
}
