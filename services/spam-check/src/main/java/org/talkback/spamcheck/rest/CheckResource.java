package org.talkback.spamcheck.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.spamcheck.model.Judgement;
import org.talkback.spamcheck.model.SpamCheck;
import org.talkback.spamcheck.service.ApiKeys;
import org.talkback.spamcheck.service.CheckService;
import org.talkback.spamcheck.service.CommentToCheck;

/** The native JSON API: checks with their reasons, each retrievable later, and feedback to learn from. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CheckResource {
    static final int MAX_CONTENT = 20_000;

    public record Author(String name, String email, String url) {
    }

    public record CheckRequest(String site, String content, Author author, String userIp, String userAgent,
            String referrer, String permalink, String parentId, String recheckReason, Boolean honeypotFilled) {
    }

    public record CheckView(UUID checkId, Judgement verdict, double score, boolean discard, List<SpamCheck.Reason> reasons) {
        static CheckView of(SpamCheck check) {
            return new CheckView(check.id, check.verdict, check.score, check.discard, check.reasons);
        }
    }

    /** Either the check it is about, or the same fields as a check; label is spam or ham. */
    public record Feedback(UUID checkId, String content, Author author, String userIp, String label, Boolean isTest) {
    }

    private final ApiKeys keys;
    private final CheckService checks;

    public CheckResource(ApiKeys keys, CheckService checks) {
        this.keys = keys;
        this.checks = checks;
    }

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a comment: ham, spam or unsure, with a score and the reasons")
    public CheckView check(@HeaderParam("X-Api-Key") String key, CheckRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("Send the comment to check as JSON.");
        }
        String siteId = siteOf(key, request.site());
        List<FieldError> errors = new ArrayList<>();
        if (request.content() == null || request.content().isBlank()) {
            errors.add(new FieldError("content", "required"));
        } else if (request.content().length() > MAX_CONTENT) {
            errors.add(new FieldError("content", "at most " + MAX_CONTENT + " characters"));
        }
        Author author = request.author() == null ? new Author(null, null, null) : request.author();
        errors.addAll(tooLong(author, request.userIp()));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return CheckView.of(checks.check(new CommentToCheck(siteId, null, 1, request.content(),
                author.name(), author.email(), author.url(), request.userIp(),
                Boolean.TRUE.equals(request.honeypotFilled()), null)));
    }

    @GET
    @Path("/checks/{checkId}")
    @Operation(summary = "A check as it was made: verdict, score and every reason")
    public CheckView find(@HeaderParam("X-Api-Key") String key, @PathParam("checkId") UUID checkId) {
        String siteId = siteOf(key, null);
        return checks.find(siteId, checkId).map(CheckView::of)
                .orElseThrow(() -> ProblemException.notFound("No check " + checkId + " on this site."));
    }

    @POST
    @Path("/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tell spam-check what a comment really was; it learns from it (not from isTest)")
    public Response feedback(@HeaderParam("X-Api-Key") String key, Feedback feedback) {
        String siteId = siteOf(key, null);
        if (feedback == null || !("spam".equals(feedback.label()) || "ham".equals(feedback.label()))) {
            throw ProblemException.invalid(List.of(new FieldError("label", "spam or ham")));
        }
        String content = feedback.content();
        String authorUrl = feedback.author() == null ? null : feedback.author().url();
        String authorEmail = feedback.author() == null ? null : feedback.author().email();
        String clientIp = feedback.userIp();
        if (feedback.checkId() != null) {
            SpamCheck check = checks.find(siteId, feedback.checkId())
                    .orElseThrow(() -> ProblemException.notFound("No check " + feedback.checkId() + " on this site."));
            content = check.content;
            authorUrl = check.authorUrl;
            authorEmail = check.authorEmail;
            clientIp = check.clientIp;
        }
        if (content == null || content.isBlank()) {
            throw ProblemException.invalid(List.of(new FieldError("content", "give a checkId or the content")));
        }
        List<FieldError> tooLong = tooLong(new Author(null, authorEmail, authorUrl), clientIp);
        if (!tooLong.isEmpty()) {
            throw ProblemException.invalid(tooLong);
        }
        if (!Boolean.TRUE.equals(feedback.isTest())) {
            checks.learn(siteId, content, authorUrl, authorEmail, clientIp, "spam".equals(feedback.label()), "feedback");
        }
        return Response.accepted().build();
    }

    private static List<FieldError> tooLong(Author author, String userIp) {
        return AuthorFieldLimits.tooLong("author.email", author.email(), "author.url", author.url(), "userIp", userIp)
                .entrySet().stream()
                .map(field -> new FieldError(field.getKey(), "at most " + field.getValue() + " characters"))
                .toList();
    }

    private String siteOf(String key, String claimedSite) {
        String siteId = keys.siteOf(key)
                .orElseThrow(() -> ProblemException.unauthorized("Send the site's API key in X-Api-Key."));
        if (claimedSite != null && !claimedSite.equals(siteId)) {
            throw ProblemException.forbidden("This key belongs to another site.");
        }
        return siteId;
    }
}
