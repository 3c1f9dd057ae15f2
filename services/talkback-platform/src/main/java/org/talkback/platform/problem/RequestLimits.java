package org.talkback.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * Refuses requests that are too big before any of them is read, with a problem document rather than the bare
 * status Vert.x would send. Runs first on every route. Vert.x's own limits (quarkus.http.limits.*) are set above
 * these as a backstop; a request beyond those still gets Vert.x's bare 413/431, which is why they are generous.
 */
@ApplicationScoped
public class RequestLimits {

    private final RequestLimitsConfig config;
    private final ObjectMapper json;

    public RequestLimits(RequestLimitsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        MultiMap headers = context.request().headers();
        int total = 0;
        for (Map.Entry<String, String> header : headers) {
            int length = header.getValue().length();
            total += header.getKey().length() + length;
            if (length > config.maxHeaderLength() || total > config.maxHeadersLength()) {
                refuse(context, 431, "Request Header Fields Too Large",
                        "A request header is longer than this server accepts.");
                return;
            }
        }
        String declaredLength = headers.get("Content-Length");
        if (declaredLength != null) {
            long length;
            try {
                length = Long.parseLong(declaredLength.trim());
            } catch (NumberFormatException e) {
                refuse(context, 400, "Bad Request", "The Content-Length header is not a number.");
                return;
            }
            long limit = isImport(context) ? config.maxImportBytes()
                    : context.request().path().startsWith("/internal/") ? config.maxEventBatchBytes() : config.maxBodyBytes();
            if (length > limit) {
                refuse(context, 413, "Content Too Large", "The request body is larger than " + limit + " bytes.");
                return;
            }
        } else if (headers.contains("Transfer-Encoding") && !isImport(context)) {
            // Only an import may stream a body of unknown length: elsewhere the limit must be checkable up front.
            refuse(context, 411, "Length Required", "Send the request body with a Content-Length.");
            return;
        }
        context.next();
    }

    /** Uploads of export files (publication's admin API), the one kind of request allowed to be large. */
    private static boolean isImport(RoutingContext context) {
        String path = context.request().path();
        return context.request().method() == HttpMethod.POST && path.startsWith("/api/v1/admin/sites/")
                && path.endsWith("/imports");
    }

    private void refuse(RoutingContext context, int status, String title, String detail) {
        String body;
        try {
            body = json.writeValueAsString(new Problem(ProblemMappers.typeFor(status), title, status, detail, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The body may still be on its way: close the connection rather than read what we refused.
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body);
    }
}
