package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.talkback.publication.PublicationEvents.deliver;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Live updates over Server-Sent Events, and the Atom feeds. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_test"))
class LiveAndFeedTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    @TestHTTPResource("/api/v1/threads/stream")
    URI streamEndpoint;

    /** One SSE event as a browser's EventSource would see it. */
    record SseEvent(String id, String name, String data) {
    }

    /** Reads an SSE response on a thread of its own, the way EventSource parses it, into a queue. */
    static final class Stream implements AutoCloseable {
        final BlockingQueue<SseEvent> events = new ArrayBlockingQueue<>(100);
        final HttpResponse<InputStream> response;
        private final Thread reader;

        Stream(URI endpoint, String url, String lastEventId) throws Exception {
            this(endpoint, url, lastEventId, "https://news.example");
        }

        /** As a browser's EventSource on a page of {@code origin} would open it. */
        Stream(URI endpoint, String url, String lastEventId, String origin) throws Exception {
            String separator = endpoint.getQuery() == null ? "?" : "&";
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + separator + "site=default&url="
                    + URLEncoder.encode(url, StandardCharsets.UTF_8))).header("Accept", "text/event-stream")
                    .header("Origin", origin);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            reader = new Thread(this::read);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new SseEvent(id, name, data.toString()));
                        }
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        }

        SseEvent next() throws InterruptedException {
            SseEvent event = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "no event arrived within 10 s");
            return event;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void anOpenPageReceivesNewCommentsAndRemovalsAndResumesAfterReconnecting() throws Exception {
        ThreadReadingTest.Conversation thread = new ThreadReadingTest.Conversation();
        UUID before = thread.comment("Ann", "Already here before the page opened.");
        String resumeFrom;
        UUID during;
        try (Stream stream = new Stream(streamEndpoint, thread.url, null)) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Thread.sleep(300); // the subscription is in place before the next comment is published
            during = thread.comment("Bob", "Published while the page is open <script>alert(1)</script>");
            SseEvent published = stream.next();
            assertEquals("comment", published.name());
            assertTrue(published.data().contains(during.toString()), published.data());
            assertFalse(published.data().contains(before.toString()), "only what happened after subscribing");
            assertTrue(Jsoup.parse(published.data()).select("script").isEmpty(), "bodyHtml comes escaped");
            resumeFrom = published.id();
        }

        // While the reader's connection is down: one new comment, one taken down.
        UUID whileAway = thread.comment("Carl", "Published while the page was offline.");
        deliver(PublicationEvents.retracted(during)).then().statusCode(200);

        try (Stream resumed = new Stream(streamEndpoint, thread.url, resumeFrom)) {
            SseEvent missed = resumed.next();
            assertEquals("comment", missed.name());
            assertTrue(missed.data().contains(whileAway.toString()), missed.data());
            SseEvent removed = resumed.next();
            assertEquals("removed", removed.name());
            assertTrue(removed.data().contains(during.toString()), removed.data());
            assertTrue(Long.parseLong(removed.id()) > Long.parseLong(missed.id()));
        }
    }

    @Test
    void aStreamOpenedWithAPagesLastChangeBringsWhatHappenedSinceThePageWasRead() throws Exception {
        ThreadReadingTest.Conversation thread = new ThreadReadingTest.Conversation();
        thread.comment("Ann", "On the page.");
        long lastChange = thread.read().get("/api/v1/threads/comments").then().extract().jsonPath().getLong("thread.lastChange");
        UUID afterThePage = thread.comment("Bob", "Published between the page and the stream.");
        URI since = URI.create(streamEndpoint + "?since=" + lastChange);
        try (Stream stream = new Stream(since, thread.url, null)) {
            SseEvent missed = stream.next();
            assertEquals("comment", missed.name());
            assertTrue(missed.data().contains(afterThePage.toString()), missed.data());
        }
    }

    @Test
    void onlyPagesOfTheSitesOriginsMayReadTheStream() throws Exception {
        ThreadReadingTest.Conversation thread = new ThreadReadingTest.Conversation();
        try (Stream allowed = new Stream(streamEndpoint, thread.url, null, "https://news.example")) {
            assertEquals("https://news.example",
                    allowed.response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
        try (Stream foreign = new Stream(streamEndpoint, thread.url, null, "https://evil.example")) {
            assertTrue(foreign.response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                    "a browser must not let a foreign page read the stream");
        }
    }

    @Test
    void aStreamForAnUnknownSiteIsAProblem() {
        given().queryParam("site", "nosuch").queryParam("url", "https://news.example/a").get("/api/v1/threads/stream")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void threadAndSiteFeedsAreValidAtomWithInertContent() throws Exception {
        ThreadReadingTest.Conversation thread = new ThreadReadingTest.Conversation();
        UUID first = thread.comment("Ann", "Plain & simple.");
        UUID second = thread.comment("Bob", "<script>alert('feed')</script> see https://gov.example/report");

        Response response = thread.read().get("/api/v1/threads/feed.atom");
        response.then().statusCode(200).contentType("application/atom+xml");
        Document feed = parse(response.asByteArray());
        Element root = feed.getDocumentElement();
        assertEquals(ATOM, root.getNamespaceURI());
        assertEquals("feed", root.getLocalName());
        for (String required : List.of("id", "title", "updated")) {
            assertEquals(1, children(root, required).size(), "feed/" + required);
        }
        List<Element> entries = children(root, "entry");
        assertEquals(List.of("urn:uuid:" + second, "urn:uuid:" + first),
                entries.stream().map(entry -> text(entry, "id")).toList(), "newest first");
        for (Element entry : entries) {
            for (String required : List.of("title", "updated", "published", "content")) {
                assertEquals(1, children(entry, required).size(), "entry/" + required);
            }
            assertFalse(text(children(entry, "author").get(0), "name").isBlank());
            Element content = children(entry, "content").get(0);
            assertEquals("html", content.getAttribute("type"));
            // A feed reader renders this HTML: it must be as inert as on the page.
            assertTrue(Jsoup.parseBodyFragment(content.getTextContent()).select("script").isEmpty());
        }
        assertTrue(children(entries.get(0), "content").get(0).getTextContent().contains("rel=\"nofollow ugc noopener\""));

        Document siteFeed = parse(given().queryParam("site", "default").get("/api/v1/threads/feed.atom").asByteArray());
        List<String> siteEntryIds = children(siteFeed.getDocumentElement(), "entry").stream()
                .map(entry -> text(entry, "id")).toList();
        assertTrue(siteEntryIds.contains("urn:uuid:" + second), "the site feed has the site's newest comments");
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && ATOM.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }
}
