package org.talkback.publication.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.service.Cursor;
import org.talkback.publication.service.CommentStatus;
import org.talkback.publication.service.ModerationQueue;

@Path("/api/v1/moderation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("moderator")
public class ModerationResource {
    private static final Set<String> QUEUE_STATES = Set.of(CommentStatus.HELD, CommentStatus.FLAGGED, CommentStatus.SPAM,
            CommentStatus.PUBLISHED, CommentStatus.REJECTED);

    private final ModerationQueue queue;

    public ModerationResource(ModerationQueue queue) {
        this.queue = queue;
    }

    @GET
    @Path("/queue")
    @Operation(summary = "Comments waiting for (or past) a moderator's decision, oldest first")
    public QueueView queue(@QueryParam("site") @DefaultValue("default") String site,
            @QueryParam("state") @DefaultValue("held") String state,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        if (!QUEUE_STATES.contains(state)) {
            throw ProblemException.invalid(List.of(new FieldError("state", "must be one of " + QUEUE_STATES)));
        }
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalid(List.of(new FieldError("limit", "must be from 1 to 200")));
        }
        return queue.page(site, state, limit, Cursor.decode(cursor));
    }
}
