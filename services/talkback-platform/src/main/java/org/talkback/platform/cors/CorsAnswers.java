package org.talkback.platform.cors;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** The CORS headers both public services answer with; which origins they allow is each service's own rule. */
public final class CorsAnswers {
    private CorsAnswers() {
    }

    /** The answer to an allowed preflight; browsers may reuse it for ten minutes. */
    public static Response preflight(String origin, String methods, String allowedHeaders) {
        return Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers", allowedHeaders)
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin")
                .build();
    }

    /** Lets the page at {@code origin} read this answer and the listed headers of it. */
    public static void allow(MultivaluedMap<String, Object> headers, String origin, String exposedHeaders) {
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Expose-Headers", exposedHeaders);
    }

    /** Whether this request is a CORS preflight (not just any OPTIONS). */
    public static boolean isPreflight(String method, String origin, String requestedMethod) {
        return "OPTIONS".equals(method) && origin != null && requestedMethod != null;
    }
}
