package org.talkback.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** spam-check's admin API, as the benchmarks use it: has a site's own model been fitted yet? */
final class SpamCheckAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String spamCheck;
    private final String credentials;

    SpamCheckAdmin(String spamCheckUrl, String adminPassword) {
        this.spamCheck = spamCheckUrl;
        this.credentials = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode settings(String site) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(spamCheck + "/api/v1/admin/sites/" + site + "/rule-settings"))
                .header("Authorization", credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("rule-settings of " + site + ": " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /**
     * Waits until the site's model has been fitted from everything the site learned so far, at most two minutes;
     * answers how it was fitted, or says that there is none (too few examples of a kind).
     */
    String awaitModel(String site) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode settings = settings(site);
        while (System.nanoTime() < deadline) {
            JsonNode model = settings.path("model");
            if (!model.isMissingNode() && !model.isNull() && model.path("upToDate").asBoolean()) {
                return String.format(java.util.Locale.ROOT, "%d ham, %d spam, fitted in %d ms; thresholds %s [%.2f, %.2f)",
                        model.path("ham").asInt(), model.path("spam").asInt(), model.path("fitMillis").asLong(),
                        settings.path("thresholds").asText(), settings.path("hamBelow").asDouble(),
                        settings.path("spamFrom").asDouble());
            }
            Thread.sleep(200);
            settings = settings(site);
        }
        return "none within two minutes (thresholds " + settings.path("thresholds").asText() + ")";
    }
}
