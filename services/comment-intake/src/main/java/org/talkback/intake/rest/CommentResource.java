package org.talkback.intake.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.talkback.intake.service.AbuseGuard;
import org.talkback.intake.service.AuthorChanges;
import org.talkback.intake.service.ClientContext;
import org.talkback.intake.service.CommentRequest;
import org.talkback.intake.service.CommentService;
import org.talkback.intake.service.ReaderFlags;
import org.talkback.platform.problem.ProblemException;

@Path("/api/v1/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {
    static final String EDIT_TOKEN = "X-Edit-Token";
    static final String READER_ID = "X-Reader-Id";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    /** Long enough to be unguessable (a UUID is 36): whoever repeats a key gets the first answer's edit token. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{16,128}");
    private static final Pattern READER = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final CommentService comments;
    private final AuthorChanges authorChanges;
    private final ReaderFlags flags;
    private final AbuseGuard abuse;
    private final ClientAddresses clients;

    public CommentResource(CommentService comments, AuthorChanges authorChanges, ReaderFlags flags, AbuseGuard abuse,
            ClientAddresses clients) {
        this.comments = comments;
        this.authorChanges = authorChanges;
        this.flags = flags;
        this.abuse = abuse;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a comment or a reply from a website's comment form")
    @APIResponse(responseCode = "202", description = "Accepted; checked for spam and moderated before it shows")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; every problem is listed")
    @APIResponse(responseCode = "409", description = "The thread is closed, or the same text was already posted")
    @APIResponse(responseCode = "429", description = "Rate limited or posting too fast; see Retry-After")
    public Response post(CommentRequest request, @Context HttpServerRequest http,
            @Parameter(description = "Makes a retried POST return the first answer; at least 16 characters, e.g. a UUID")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.badRequest("The Idempotency-Key header must be 16 to 128 visible ASCII characters.");
        }
        ClientContext client = clients.of(http);
        abuse.checkRate(client.address(), request == null || request.author() == null ? null : request.author().email());
        CommentService.Submission submission = comments.submit(request, client, idempotencyKey);
        var comment = submission.comment();
        return Response.accepted(new CommentReceipt(comment.id, comment.moderationStatus().forAuthor(),
                        submission.editToken(), comment.editableUntil))
                .location(URI.create("/api/v1/comments/" + comment.id))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The author's own view of a comment and its moderation status (needs the edit token)")
    public AuthorCommentView get(@PathParam("id") String id, @HeaderParam(EDIT_TOKEN) String editToken) {
        return comments.findForAuthor(parseId(id), requireToken(editToken))
                .map(AuthorCommentView::of)
                .orElseThrow(() -> ProblemException.notFound("No comment with this id and edit token."));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(summary = "The author edits the text inside the edit window; the new text is checked for spam again")
    @APIResponse(responseCode = "200", description = "The edited comment, pending again until it is re-checked")
    @APIResponse(responseCode = "409", description = "The edit window is over, or the comment was rejected")
    public AuthorCommentView edit(@PathParam("id") String id, @HeaderParam(EDIT_TOKEN) String editToken,
            EditRequest edit, @Context HttpServerRequest http) {
        if (edit == null) {
            throw ProblemException.badRequest("The request body is empty.");
        }
        return AuthorCommentView.of(authorChanges.edit(parseId(id), requireToken(editToken), edit.body(),
                clients.of(http)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "The author deletes the comment inside the edit window")
    @APIResponse(responseCode = "204", description = "Deleted; it disappears from the thread")
    public Response retract(@PathParam("id") String id, @HeaderParam(EDIT_TOKEN) String editToken) {
        authorChanges.retract(parseId(id), requireToken(editToken));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/flags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A reader reports a comment; one report per reader per comment")
    @APIResponse(responseCode = "202", description = "Recorded; moderators see comments with enough reports")
    @APIResponse(responseCode = "409", description = "This reader already reported this comment")
    public Response flag(@PathParam("id") String id, FlagRequest flag, @Context HttpServerRequest http,
            @Parameter(description = "the widget's random id for this browser, 8 to 64 of [A-Za-z0-9_-]")
            @HeaderParam(READER_ID) String readerId) {
        if (flag == null) {
            throw ProblemException.badRequest("The request body is empty.");
        }
        if (readerId != null && !READER.matcher(readerId).matches()) {
            throw ProblemException.badRequest("The " + READER_ID + " header must be 8 to 64 of [A-Za-z0-9_-].");
        }
        ClientContext client = clients.of(http);
        abuse.checkRate(client.address(), null);
        UUID flagId = flags.flag(parseId(id), flag.reason(), flag.note(), client, readerId);
        return Response.accepted(new FlagReceipt(flagId)).build();
    }

    public record EditRequest(String body) {
    }

    public record FlagRequest(String reason, String note) {
    }

    public record FlagReceipt(UUID id) {
    }

    private static String requireToken(String editToken) {
        if (editToken == null || editToken.isBlank()) {
            throw ProblemException.unauthorized("The " + EDIT_TOKEN + " header is required.");
        }
        return editToken;
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No comment with this id.");
        }
    }
}
