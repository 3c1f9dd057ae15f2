package org.talkback.spamcheck.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.talkback.spamcheck.service.ReaderRecords;
import org.talkback.platform.events.DeliverySignature;
import org.talkback.platform.queries.ServiceQueries;

/** Publication asks, for a reader's data request, what spam-check keeps about one person (signed like an event). */
@Path("/internal/authors")
public class InternalAuthorResource {

    record Question(String site, String email, String name, String address, List<UUID> commentIds) {
    }

    private final ReaderRecords readers;
    private final ServiceQueries queries;

    public InternalAuthorResource(ReaderRecords readers, ServiceQueries queries) {
        this.readers = readers;
        this.queries = queries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> find(@HeaderParam(DeliverySignature.HEADER) String signed, byte[] body) {
        Question question = queries.question(signed, body, Question.class);
        UUID[] ids = question.commentIds() == null ? new UUID[0] : question.commentIds().toArray(UUID[]::new);
        return readers.find(question.site(), ids, question.email());
    }
}
