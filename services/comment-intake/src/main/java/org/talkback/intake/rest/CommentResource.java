package org.talkback.intake.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.talkback.intake.service.CommentService;
import org.talkback.platform.problem.ProblemException;

@Path("/api/v1/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {
    static final String EDIT_TOKEN = "X-Edit-Token";

    private final CommentService comments;
    private final ClientAddresses clients;

    public CommentResource(CommentService comments, ClientAddresses clients) {
        this.comments = comments;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a comment or a reply from a website's comment form")
    @APIResponse(responseCode = "202", description = "Accepted; checked for spam and moderated before it shows")
    public Response post(CommentRequest request, @Context HttpServerRequest http) {
        CommentService.Submission submission = comments.submit(request, clients.of(http));
        var comment = submission.comment();
        return Response.accepted(new CommentReceipt(comment.id, "pending", submission.editToken(), comment.editableUntil))
                .location(URI.create("/api/v1/comments/" + comment.id))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The author's own view of a comment and its moderation status (needs the edit token)")
    public AuthorCommentView get(@PathParam("id") String id, @HeaderParam(EDIT_TOKEN) String editToken) {
        if (editToken == null || editToken.isBlank()) {
            throw ProblemException.unauthorized("The " + EDIT_TOKEN + " header is required.");
        }
        return comments.findForAuthor(parseId(id), editToken)
                .map(AuthorCommentView::of)
                .orElseThrow(() -> ProblemException.notFound("No comment with this id and edit token."));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No comment with this id and edit token.");
        }
    }
}
