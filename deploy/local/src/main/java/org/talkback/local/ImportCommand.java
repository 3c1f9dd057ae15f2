package org.talkback.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * {@code java -jar talkback-local.jar import --site default --format disqus export.xml}: uploads an export file to
 * publication's admin API and shows the job's progress until it ends. Credentials: TALKBACK_ADMIN_USER (default
 * admin) and TALKBACK_ADMIN_PASSWORD, else the local stack's secrets file; the server: TALKBACK_PUBLICATION_URL,
 * default http://localhost:8083.
 */
final class ImportCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: java -jar talkback-local.jar import --site SITE --format disqus|wordpress|talkback [--pingbacks] FILE
              FILE may be gzip-compressed. The admin's credentials come from TALKBACK_ADMIN_USER (default admin) and
              TALKBACK_ADMIN_PASSWORD, or from the local stack's secrets file; the server from
              TALKBACK_PUBLICATION_URL (default http://localhost:8083).""";

    private ImportCommand() {
    }

    static int run(String[] args, Map<String, String> env) throws IOException, InterruptedException {
        String site = null;
        String format = null;
        boolean pingbacks = false;
        Path file = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--site" -> site = i + 1 < args.length ? args[++i] : null;
                case "--format" -> format = i + 1 < args.length ? args[++i] : null;
                case "--pingbacks" -> pingbacks = true;
                default -> file = Path.of(args[i]);
            }
        }
        if (site == null || format == null || file == null) {
            System.err.println(USAGE);
            return 2;
        }
        if (!Files.isReadable(file)) {
            System.err.println("cannot read " + file);
            return 2;
        }
        String server = env.getOrDefault("TALKBACK_PUBLICATION_URL", "http://localhost:"
                + env.getOrDefault("TALKBACK_PUBLICATION_PORT", "8083"));
        String authorization = "Basic " + Base64.getEncoder().encodeToString((env.getOrDefault("TALKBACK_ADMIN_USER", "admin")
                + ":" + adminPassword(env)).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String jobs = server + "/api/v1/admin/sites/" + URLEncoder.encode(site, StandardCharsets.UTF_8) + "/imports";
        System.out.printf("uploading %s (%,d bytes) to %s ...%n", file, Files.size(file), jobs);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(jobs + "?format="
                        + URLEncoder.encode(format, StandardCharsets.UTF_8) + (pingbacks ? "&pingbacks=true" : "")))
                .header("Authorization", authorization)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            System.err.println("refused: HTTP " + started.statusCode() + " " + started.body());
            return 1;
        }
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode job;
        while (true) {
            job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(jobs + "/" + id))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            System.out.print("\r" + progressLine(job));
            if (!"running".equals(job.path("state").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.println();
        job.path("reasons").fields().forEachRemaining(reason ->
                System.out.printf("  %,8d  %s%n", reason.getValue().asLong(), reason.getKey()));
        JsonNode error = job.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            System.out.printf("failed: %s%s%n", error.path("reason").asText(), error.hasNonNull("line")
                    ? " (line " + error.path("line").asInt() + ", column " + error.path("column").asInt() + ")" : "");
        }
        System.out.println("report: GET " + jobs + "/" + id);
        return "done".equals(job.path("state").asText()) ? 0 : 1;
    }

    private static String progressLine(JsonNode job) {
        long total = Math.max(1, job.path("bytesTotal").asLong());
        boolean running = "running".equals(job.path("state").asText());
        double share = running ? Math.min(1.0, job.path("bytesRead").asLong() / (double) total) : 1.0;
        int filled = (int) Math.round(share * 30);
        JsonNode counts = job.path("counts");
        return String.format("[%s%s] %3d%%  %s  read %,d  imported %,d  already there %,d  skipped %,d   ",
                "#".repeat(filled), " ".repeat(30 - filled), Math.round(share * 100), job.path("state").asText(),
                counts.path("read").asLong(), counts.path("imported").asLong(), counts.path("alreadyThere").asLong(),
                counts.path("skipped").asLong());
    }

    private static String adminPassword(Map<String, String> env) throws IOException {
        if (env.containsKey("TALKBACK_ADMIN_PASSWORD")) {
            return env.get("TALKBACK_ADMIN_PASSWORD");
        }
        String home = env.getOrDefault("TALKBACK_DATA_DIR", Path.of(System.getProperty("user.home"), ".talkback").toString());
        Path secrets = Path.of(home, "secrets.properties");
        if (!Files.exists(secrets)) {
            throw new IOException("no TALKBACK_ADMIN_PASSWORD and no " + secrets + " (start the stack once, or set it)");
        }
        return TalkbackStack.Secrets.storedIn(secrets).adminPassword();
    }
}
