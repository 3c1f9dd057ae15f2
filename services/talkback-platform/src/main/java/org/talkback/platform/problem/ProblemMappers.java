package org.talkback.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a problem document. Details a client can act on are spelled out; anything unexpected
 * becomes a bare 500 whose cause goes to the log, never to the client.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String CHALLENGE = "Basic realm=\"Talkback\"";

    static String typeFor(int status) {
        return switch (status) {
            case 400 -> "https://talkback.dev/problems/invalid-request";
            case 401 -> "https://talkback.dev/problems/unauthorized";
            case 403 -> "https://talkback.dev/problems/forbidden";
            case 404 -> "https://talkback.dev/problems/not-found";
            case 409 -> "https://talkback.dev/problems/conflict";
            case 413 -> "https://talkback.dev/problems/too-large";
            case 415 -> "https://talkback.dev/problems/unsupported-media-type";
            case 429 -> "https://talkback.dev/problems/rate-limited";
            case 431 -> "https://talkback.dev/problems/headers-too-large";
            default -> "about:blank";
        };
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String title, String detail) {
        return response(new Problem(typeFor(status), title, status, detail, List.of()));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem());
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", CHALLENGE);
        }
        if (e.retryAfterSeconds() > 0) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFormatException e) {
        String field = fieldPath(e);
        return response(new Problem(typeFor(400), "Invalid request", 400, "A field has the wrong type.",
                List.of(new Problem.FieldError(field, "has the wrong type"))));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = fieldPath(e);
        if (field.isEmpty()) {
            return response(400, "Bad Request", "The request body does not have the expected JSON shape.");
        }
        return response(new Problem(typeFor(400), "Invalid request", 400, "A field has the wrong type.",
                List.of(new Problem.FieldError(field, "has the wrong type"))));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return response(400, "Bad Request", "The request body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Response.fromResponse(response(401, "Unauthorized", "Credentials are required."))
                .header("WWW-Authenticate", CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Response.fromResponse(response(401, "Unauthorized", "The credentials were not accepted."))
                .header("WWW-Authenticate", CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(403, "Forbidden", "Your account may not do this.");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // Quarkus REST wraps body-reading failures; answer them as the JSON problems they are.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException invalid) {
                return invalidField(invalid);
            }
            if (cause instanceof MismatchedInputException mismatched) {
                return mismatchedInput(mismatched);
            }
            if (cause instanceof JsonProcessingException malformed) {
                return malformedJson(malformed);
            }
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return response(status, "Server error", "The request could not be completed.");
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return response(status, title, describe(status));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return response(500, "Server error", "The request could not be completed.");
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "Nothing is here.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "This resource cannot answer in the requested media type.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request's content type is not accepted here.";
            default -> "The request could not be processed.";
        };
    }

    private static String fieldPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
