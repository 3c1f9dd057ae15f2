package org.talkback.local;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the packaged services as separate processes over a fresh embedded PostgreSQL, on free ports. */
final class StackFixture {
    static final String MODERATOR_PASSWORD = "e2e-moderator-password";
    static final String ADMIN_PASSWORD = "e2e-admin-password";

    private StackFixture() {
    }

    static TalkbackStack start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** With more environment for the services (e.g. an SMTP server to mail to). */
    static TalkbackStack start(String name, Map<String, String> environment) throws Exception {
        Path work = Path.of("target", "e2e", name).toAbsolutePath();
        deleteRecursively(work);
        TalkbackStack.Options options = TalkbackStack.Options.defaults(TalkbackStack.findRepository())
                .withDirectories(work.resolve("pgdata"), work.resolve("logs"))
                .withPorts(Database.freePort(), Database.freePort(), Database.freePort())
                .withSecrets(new TalkbackStack.Secrets("e2e-events-secret-0123456789", ADMIN_PASSWORD,
                        MODERATOR_PASSWORD))
                .withJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
                // These tests post dozens of comments a second from one address; the limits have their own tests.
                .withEnvironment(withAbuseLimitsOff(environment));
        return TalkbackStack.start(options);
    }

    private static Map<String, String> withAbuseLimitsOff(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("TALKBACK_ABUSE_LIMITS", "false");
        return all;
    }

    /** publication's admin API, as the bootstrap admin of these stacks (preemptive Basic: bodies are sent once). */
    static RequestSpecification admin(TalkbackStack stack) {
        return given().baseUri(stack.publication().url()).auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    /** publication's moderation API, as the bootstrap moderator. */
    static RequestSpecification moderator(TalkbackStack stack) {
        return given().baseUri(stack.publication().url()).auth().preemptive().basic("moderator", MODERATOR_PASSWORD);
    }

    static Response post(TalkbackStack stack, String threadUrl, String author, String body) {
        return post(stack.intake(), threadUrl, author, body);
    }

    static Response post(ServiceProcess intake, String threadUrl, String author, String body) {
        return given().baseUri(intake.url()).contentType("application/json")
                .body("""
                        {"site":"default","threadUrl":"%s","author":{"name":"%s","email":"%s@example.org"},"body":"%s"}
                        """.formatted(threadUrl, author, author.replace(' ', '.'), body))
                .post("/api/v1/comments");
    }

    /** Every published comment id of a thread, following the cursor through all pages. */
    static List<String> publishedIds(TalkbackStack stack, String threadUrl) {
        return publishedIds(stack.publication(), threadUrl);
    }

    static List<String> publishedIds(ServiceProcess publication, String threadUrl) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().baseUri(publication.url())
                    .queryParam("site", "default").queryParam("url", threadUrl).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/threads/comments").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("comments.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    static String authorStatus(TalkbackStack stack, String id, String editToken) {
        return given().baseUri(stack.intake().url()).header("X-Edit-Token", editToken)
                .get("/api/v1/comments/" + id).then().statusCode(200).extract().path("status");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
