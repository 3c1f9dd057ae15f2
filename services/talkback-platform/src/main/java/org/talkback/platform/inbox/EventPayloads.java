package org.talkback.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.problem.ProblemException;

/**
 * Reads an event's payload into the consumer's own record. Each service keeps its own copy of the fields it
 * needs, so producers can add fields freely; a payload that does not fit is refused (422) and ends up parked.
 */
@ApplicationScoped
public class EventPayloads {
    private final ObjectMapper objectMapper;

    public EventPayloads(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return objectMapper.treeToValue(event.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProblemException(422, "Unprocessable event",
                    "The payload of " + event.type() + " " + event.id() + " does not fit this service.", null);
        }
    }
}
