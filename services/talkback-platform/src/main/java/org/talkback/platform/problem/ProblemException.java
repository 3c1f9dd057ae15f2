package org.talkback.platform.problem;

import java.util.List;

/** Thrown by resources and services to answer with a problem document; carries no stack-trace-worthy surprise. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail, List.of());
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "Invalid request", "Some fields are missing or invalid.", errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    /** 429 with the seconds after which the same request would be accepted, for the Retry-After header. */
    public static ProblemException rateLimited(String detail, long retryAfterSeconds) {
        ProblemException problem = new ProblemException(429, "Too Many Requests", detail, List.of());
        problem.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return problem;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem() {
        return new Problem(ProblemMappers.typeFor(status), title, status, getMessage(), errors);
    }

    public int status() {
        return status;
    }
}
