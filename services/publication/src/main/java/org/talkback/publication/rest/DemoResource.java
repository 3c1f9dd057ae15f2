package org.talkback.publication.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.talkback.publication.config.PublicationConfig;
import org.talkback.publication.service.read.BodyRenderer;

/**
 * An invented article with the widget embedded, so a new user sees the whole thing in the first minute. It names
 * where comment-intake answers when that is not this origin (the local stack; behind the gateway it is the same).
 */
@Path("/demo")
public class DemoResource {
    private final String page;

    public DemoResource(PublicationConfig config) throws IOException {
        Optional<String> intakeUrl = config.publicUrls().intakeUrl();
        try (InputStream template = DemoResource.class.getResourceAsStream("/demo/article.html")) {
            String html = new String(template.readAllBytes(), StandardCharsets.UTF_8);
            this.page = html.replace("{{INTAKE}}", intakeUrl.filter(url -> !url.isBlank())
                    .map(url -> " data-talkback-intake=\"" + BodyRenderer.escape(url) + "\"").orElse(""));
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A demo article page with the comment widget")
    public String article() {
        return page;
    }
}
