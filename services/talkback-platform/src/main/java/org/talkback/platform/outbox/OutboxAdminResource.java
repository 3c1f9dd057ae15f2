package org.talkback.platform.outbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.talkback.platform.problem.ProblemException;

@Path("/api/v1/admin/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class OutboxAdminResource {

    private final ParkedEvents parkedEvents;

    public OutboxAdminResource(ParkedEvents parkedEvents) {
        this.parkedEvents = parkedEvents;
    }

    @GET
    @Path("/parked")
    public List<ParkedEvents.ParkedDelivery> parked(@QueryParam("limit") @DefaultValue("100") int limit)
            throws SQLException {
        return parkedEvents.list(Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("/parked/{eventId}/{destination}/requeue")
    public RequeueResult requeue(@PathParam("eventId") UUID eventId, @PathParam("destination") String destination)
            throws SQLException {
        if (!parkedEvents.requeue(eventId, destination)) {
            throw ProblemException.notFound("No parked delivery of event " + eventId + " to " + destination);
        }
        return new RequeueResult(eventId, destination, "requeued");
    }

    public record RequeueResult(UUID eventId, String destination, String status) {
    }
}
