package org.talkback.publication.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.publication.model.AuditEntry;
import org.talkback.publication.model.CommentStatus;
import org.talkback.publication.service.moderation.Cursor;
import org.talkback.publication.service.moderation.ModerationDecisions;
import org.talkback.publication.service.moderation.ModerationQueue;
import org.talkback.publication.service.moderation.QueueView;
import org.talkback.publication.service.moderation.ThreadModeration;

@Path("/api/v1/moderation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("moderator")
public class ModerationResource {
    private static final Set<CommentStatus> QUEUE_STATES = Set.of(CommentStatus.HELD, CommentStatus.FLAGGED, CommentStatus.SPAM,
            CommentStatus.PUBLISHED, CommentStatus.REJECTED);
    private static final int MAX_BULK = 200;

    public record DecisionRequest(String action, String reason) {
    }

    public record BulkItem(UUID id, Integer version) {
    }

    public record BulkRequest(String action, String reason, List<BulkItem> comments) {
    }

    /** One comment's outcome in a bulk decision: its new status and version, or the problem that stopped it. */
    public record BulkResult(UUID id, CommentStatus status, Integer version, Integer problemStatus, String detail) {
    }

    public record ThreadStateRequest(String site, String url, String state) {
    }

    private final ModerationQueue queue;
    private final ModerationDecisions decisions;
    private final ThreadModeration threads;
    private final SecurityIdentity moderator;

    public ModerationResource(ModerationQueue queue, ModerationDecisions decisions, ThreadModeration threads,
            SecurityIdentity moderator) {
        this.queue = queue;
        this.decisions = decisions;
        this.threads = threads;
        this.moderator = moderator;
    }

    @GET
    @Path("/queue")
    @Operation(summary = "Comments waiting for (or past) a moderator's decision, oldest first")
    public QueueView queue(@QueryParam("site") @DefaultValue("default") String site,
            @QueryParam("state") @DefaultValue("held") String state, @QueryParam("thread") String thread,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        CommentStatus status = QUEUE_STATES.stream().filter(queued -> queued.wireName().equals(state)).findFirst()
                .orElseThrow(() -> ProblemException.invalid(List.of(new FieldError("state", "must be one of " + QUEUE_STATES))));
        if (limit < 1 || limit > 200) {
            throw ProblemException.invalid(List.of(new FieldError("limit", "must be from 1 to 200")));
        }
        return queue.page(site, status, thread, limit, Cursor.decode(cursor));
    }

    @POST
    @Path("/comments/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve, reject, or mark as spam or ham; If-Match names the version decided on")
    public Response decide(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, DecisionRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A decision needs a body: {\"action\": \"approve|reject|spam|ham\"}.");
        }
        int version = seenVersion(ifMatch);
        ModerationDecisions.Decided decided = decisions.decide(id, version, request.action(), request.reason(),
                moderator.getPrincipal().getName());
        return Response.ok(decided)
                .tag(new EntityTag(Integer.toString(decided.version()))).build();
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One decision for many comments, each with the version the moderator saw; each is applied or refused on its own")
    public List<BulkResult> decideMany(BulkRequest request) {
        if (request == null || request.comments() == null || request.comments().isEmpty()
                || request.comments().size() > MAX_BULK) {
            throw ProblemException.invalid(List.of(new FieldError("comments", "give between 1 and " + MAX_BULK)));
        }
        ModerationDecisions.validate(request.action(), request.reason());
        List<BulkResult> results = new ArrayList<>();
        for (BulkItem item : request.comments()) {
            if (item == null || item.id() == null || item.version() == null) {
                throw ProblemException.invalid(List.of(new FieldError("comments", "each needs an id and a version")));
            }
        }
        for (BulkItem item : request.comments()) {
            try {
                ModerationDecisions.Decided decided = decisions.decide(item.id(), item.version(), request.action(),
                        request.reason(), moderator.getPrincipal().getName());
                results.add(new BulkResult(item.id(), decided.status(), decided.version(), null, null));
            } catch (ProblemException problem) {
                results.add(new BulkResult(item.id(), null, null, problem.status(), problem.getMessage()));
            }
        }
        return results;
    }

    @GET
    @Path("/audit")
    @Operation(summary = "Who decided what, when and why: a comment's history oldest first, or a site's newest first")
    public AuditView audit(@QueryParam("site") @DefaultValue("default") String site,
            @QueryParam("commentId") UUID commentId, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("cursor") Long cursor) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalid(List.of(new FieldError("limit", "must be from 1 to 500")));
        }
        Cursor.Page<AuditEntry> page = queue.audit(site, commentId, cursor, limit);
        return new AuditView(page.rows(), page.nextCursor());
    }

    @PUT
    @Path("/threads/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a thread to new comments, or open it again")
    public ThreadModeration.ThreadState threadState(ThreadStateRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("Give {\"site\", \"url\", \"state\": \"open|closed\"}.");
        }
        return threads.change(request.site(), request.url(), request.state(), moderator.getPrincipal().getName());
    }

    /** The version from If-Match ("3", W/"3" or 3); deciding without one would overrule whoever acted last. */
    private static int seenVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "Precondition Required",
                    "Send If-Match with the comment's version from the queue, so a decision never overrules one you did not see.",
                    List.of());
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be the comment's version, such as \"3\".");
        }
    }
}
