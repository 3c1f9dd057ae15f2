package org.talkback.publication;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.talkback.platform.testing.EmbeddedPostgresResource;
import org.talkback.platform.testing.SignedEvents;

/**
 * Mail to moderators and readers, sent to a real SMTP server (GreenMail) and followed as a person would: the
 * links in the mails are opened and their pages' buttons pressed.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "publication_mail_test"))
@WithTestResource(GreenMailResource.class)
class MailTest {
    private static final String ADMIN = "test-admin-password";
    private static final String DESK = "desk@news.example";

    @Inject
    EntityManager entityManager;

    /** Each test starts with no mail sent or pending, and the moderator asking for none. */
    @BeforeEach
    void noMailYet() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "delete from mail_notice; delete from mail_message").executeUpdate());
        GreenMailResource.server().purgeEmailFromAllMailboxes();
        mailSettings("moderator", null, "none");
    }

    @Test
    void aHeldCommentIsMailedToTheModeratorWhoseLinkShowsAPageAndDecidesOnlyByItsButton() throws Exception {
        mailSettings("moderator", DESK, "immediate");
        String site = site("pre");
        String url = "https://courier.example/bridge";
        UUID id = UUID.randomUUID();
        submit(site, id, url, null, "Mallory <b>", "mallory@example.org",
                "Close it! <script>alert('x')</script>\nMore at https://spam.example/pills and www.cheap-pills.com", false);
        classify(site, id, "ham");

        MimeMessage mail = single(DESK);
        assertTrue(mail.getSubject().startsWith("Waiting for review: Mallory <b> on"), mail.getSubject());
        assertEquals("Talkback <talkback@news.example>", mail.getHeader("From")[0]);
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted")[0]);
        String messageId = mail.getHeader("Message-ID")[0];
        assertEquals(messageId, storedMessageId(DESK), "the Message-ID chosen when the mail was composed");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertTrue(text.contains("Close it! <script>alert('x')</script>"), text);
        assertTrue(text.contains("https[:]//spam.example/pills") && text.contains("www[.]cheap-pills[.]com"),
                "links in a comment are not links in the mail: " + text);
        assertTrue(text.contains("first comment on this site"), "the author's history: " + text);
        assertTrue(text.contains("pre-moderation"), "why it waits: " + text);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") || html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("<script"), "nothing a reader wrote becomes markup: " + html);
        assertFalse(html.contains("Mallory <b>"), html);
        assertFalse(html.contains("href=\"https://spam.example"), html);

        String approve = link(text, "Approve:");
        String reject = link(text, "Reject:");
        assertTrue(approve.startsWith(GreenMailResource.PUBLIC_URL + "/mail/" + site + "/decide/"), approve);

        // A mail scanner (or the moderator) opening the link decides nothing.
        page("GET", approve).then().statusCode(200).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("Approve this comment?")).body(containsString("&lt;script&gt;"))
                .body(not(containsString("<script>")));
        thread(site, url).then().body("comments", hasSize(0));

        page("POST", approve).then().statusCode(200).body(containsString("Approved"));
        thread(site, url).then().body("comments.id", hasItem(id.toString()));
        given().auth().basic("admin", ADMIN).get("/api/v1/moderation/audit?site=" + site + "&commentId=" + id)
                .then().statusCode(200).body("entries.actor", hasItem("moderator"))
                .body("entries.reason", hasItem("decided from the link in a mail"));

        page("POST", approve).then().statusCode(409).body(containsString("This link was used"));
        page("GET", reject).then().statusCode(409).body(containsString("Already decided"))
                .body(containsString("published by moderator"));
        page("POST", reject).then().statusCode(409);
        thread(site, url).then().body("comments.id", hasItem(id.toString()));
    }

    @Test
    void forgedExpiredAndOtherSitesLinksAreRefusedAndDecideNothing() throws Exception {
        mailSettings("moderator", DESK, "immediate");
        String site = site("pre");
        String url = "https://courier.example/ferry";
        UUID id = UUID.randomUUID();
        submit(site, id, url, null, "Ann", "ann@example.org", "When does the ferry run?", false);
        classify(site, id, "ham");
        String text = part(single(DESK), "text/plain");
        String approve = link(text, "Approve:");
        String spam = link(text, "Mark as spam:");

        String forged = approve.substring(0, approve.length() - 2) + (approve.endsWith("A") ? "BB" : "AA");
        given().accept("application/json").post(path(forged)).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("not valid"));
        page("GET", forged).then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("not valid"));
        String otherSite = approve.replace("/mail/" + site + "/", "/mail/default/");
        page("POST", otherSite).then().statusCode(404);
        String otherPurpose = approve.replace("/decide/", "/confirm/");
        page("POST", otherPurpose).then().statusCode(404);
        given().accept("application/json").post(path(approve.substring(0, approve.indexOf('.', approve.lastIndexOf('/')))))
                .then().statusCode(404);

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update mail_link set expires_at = now() - interval '1 minute' where action = 'spam' and comment_id = ?1")
                .setParameter(1, id).executeUpdate());
        page("POST", spam).then().statusCode(410).body(containsString("expired"));

        given().auth().basic("admin", ADMIN).get("/api/v1/moderation/queue?site=" + site + "&state=held")
                .then().statusCode(200).body("items.comment.id", hasItem(id.toString()));
    }

    @Test
    void aReaderConfirmsTheAddressHearsOfPublishedRepliesOnlyAndUnsubscribesInOneClick() throws Exception {
        String site = site("post");
        String url = "https://courier.example/tram";
        String ann = "ann." + site + "@reader.example";
        UUID parent = UUID.randomUUID();
        submit(site, parent, url, null, "Ann", ann.toUpperCase(), "The tram was late again.", true);
        classify(site, parent, "ham");

        MimeMessage confirmation = single(ann);
        assertEquals("Confirm that you want replies by email", confirmation.getSubject());
        String confirmText = part(confirmation, "text/plain");
        assertFalse(confirmText.contains("The tram was late"), "a confirmation carries nobody's words");
        String confirm = link(confirmText, "(the link works for 7 days):");

        // Before the address is confirmed, a reply mails nobody.
        UUID early = UUID.randomUUID();
        submit(site, early, url, parent, "Bob", "bob@example.org", "Mine too.", false);
        classify(site, early, "ham");
        thread(site, url).then().body("comments.id", hasItem(early.toString()));
        Thread.sleep(2500);
        assertEquals(1, mailsTo(ann).size(), "only the confirmation");

        // The same address asking again the same day gets no second confirmation.
        UUID again = UUID.randomUUID();
        submit(site, again, url, null, "Ann", ann, "And today.", true);
        classify(site, again, "ham");

        page("GET", confirm).then().statusCode(200).body(containsString("Email me replies?"));
        page("POST", confirm).then().statusCode(200).body(containsString("Confirmed"));

        // Published replies are mailed; spam, held ones and the reader's own reply are not.
        UUID spam = UUID.randomUUID();
        submit(site, spam, url, parent, "Spammer", "s@spam.example", "Buy pills", false);
        classify(site, spam, "spam");
        UUID own = UUID.randomUUID();
        submit(site, own, url, parent, "Ann", ann, "Replying to myself.", false);
        classify(site, own, "ham");
        UUID reply = UUID.randomUUID();
        submit(site, reply, url, parent, "Carol <i>", "carol@example.org", "It runs every <b>10</b> minutes — Zoë, see tram.example.com", false);
        classify(site, reply, "ham");

        MimeMessage replyMail = await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(ann),
                mails -> mails.size() >= 2).get(1);
        assertEquals("Carol <i> replied to your comment on “A test article”", replyMail.getSubject());
        String unsubscribe = replyMail.getHeader("List-Unsubscribe")[0];
        assertTrue(unsubscribe.matches("<https://comments\\.news\\.example/mail/" + site + "/unsubscribe/[^>]+>"), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", replyMail.getHeader("List-Unsubscribe-Post")[0]);
        String text = part(replyMail, "text/plain");
        String html = part(replyMail, "text/html");
        assertTrue(text.contains("It runs every <b>10</b> minutes — Zoë, see tram[.]example[.]com"), text);
        assertTrue(text.contains("You wrote: The tram was late again."), text);
        assertTrue(text.contains(url + "#comment-" + reply), text);
        assertFalse(text.contains("Buy pills") || text.contains("Replying to myself"), text);
        assertTrue(html.contains("&lt;b&gt;10&lt;/b&gt;") && !html.contains("<b>10</b>"), html);
        assertTrue(html.contains("Stop these mails"), "a visible unsubscribe link: " + html);
        Thread.sleep(1500);
        assertEquals(2, mailsTo(ann).size(), "the confirmation and one reply mail");

        // Two replies in quick succession come as one mail.
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        submit(site, second, url, parent, "Dan", "dan@example.org", "Not on Sundays.", false);
        submit(site, third, url, parent, "Eve", "eve@example.org", "Sundays too.", false);
        classify(site, second, "ham");
        classify(site, third, "ham");
        MimeMessage both = await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(ann), mails -> mails.size() >= 3).get(2);
        assertEquals("2 new replies to your comments", both.getSubject());

        // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's URL; nothing more is mailed.
        String oneClick = unsubscribe.substring(1, unsubscribe.length() - 1);
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post(path(oneClick)).then().statusCode(200);
        UUID after = UUID.randomUUID();
        submit(site, after, url, parent, "Fay", "fay@example.org", "Anyone?", false);
        classify(site, after, "ham");
        thread(site, url).then().body("comments.id", hasItem(after.toString()));
        Thread.sleep(2500);
        assertEquals(3, mailsTo(ann).size(), "nothing after unsubscribing");
    }

    @Test
    void erasingAReadersDataForgetsTheirSubscriptionAndTheMailsToThem() throws Exception {
        String site = site("post");
        String bea = "bea." + site + "@reader.example";
        UUID id = UUID.randomUUID();
        submit(site, id, "https://courier.example/erase", null, "Bea", bea, "Please tell me of replies.", true);
        classify(site, id, "ham");
        single(bea);
        await().atMost(Duration.ofSeconds(5)).until(() -> messageRow(bea) != null && messageRow(bea)[1] != null);
        given().auth().basic("admin", ADMIN).queryParam("email", bea.toUpperCase()).queryParam("comments", "anonymise")
                .delete("/api/v1/admin/sites/" + site + "/authors").then().statusCode(202);
        assertEquals(null, messageRow(bea), "no mail to the address is kept");
        long subscriptions = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from reply_subscriber where email = ?1").setParameter(1, bea).getSingleResult()).longValue());
        assertEquals(0, subscriptions, "nor their subscription");
    }

    @Test
    void anHourlyModeratorGetsOneDigestGroupedByThreadAndTooManyMailsFoldIntoOne() throws Exception {
        mailSettings("moderator", DESK, "hourly");
        String site = site("pre");
        for (String[] comment : List.of(new String[] {"https://courier.example/a", "First"},
                new String[] {"https://courier.example/a", "Second"}, new String[] {"https://courier.example/b", "Third"})) {
            UUID id = UUID.randomUUID();
            submit(site, id, comment[0], null, "Reader", "reader@example.org", comment[1] + " comment", false);
            classify(site, id, "ham");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> notices(DESK) == 3);
        Thread.sleep(1000);
        assertEquals(0, mailsTo(DESK).size(), "nothing before the hour");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update mail_notice set due_at = now() where recipient = ?1").setParameter(1, DESK).executeUpdate());
        MimeMessage digest = single(DESK);
        assertEquals("3 comments waiting for review", digest.getSubject());
        String text = part(digest, "text/plain");
        assertEquals(2, text.split("On \"", -1).length - 1, "two threads: " + text);
        assertEquals(3, text.split("Approve: ", -1).length - 1, "a link per comment: " + text);

        // At most three mails an hour (the test's limit): the rest wait, then come as one.
        GreenMailResource.server().purgeEmailFromAllMailboxes();
        mailSettings("moderator", DESK, "immediate");
        for (int i = 0; i < 4; i++) {
            UUID id = UUID.randomUUID();
            submit(site, id, "https://courier.example/c", null, "Reader", "reader@example.org", "Comment " + i, false);
            classify(site, id, "ham");
            if (i < 2) {
                int sent = i + 1;
                await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(DESK).size() == sent);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> notices(DESK) == 2 && notices(DESK, "now() + interval '50 minutes'") == 2);
        assertEquals(2, mailsTo(DESK).size(), "the digest and two more made three this hour; the rest waits");
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("update mail_message set created_at = created_at - interval '1 hour'")
                    .executeUpdate();
            entityManager.createNativeQuery("update mail_notice set due_at = now()").executeUpdate();
        });
        MimeMessage folded = await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(DESK), mails -> mails.size() >= 3)
                .get(2);
        assertEquals("2 comments waiting for review", folded.getSubject());
    }

    @Test
    void whileTheSmtpServerIsDownMailWaitsAndIsSentOnceWhenItIsBack() throws Exception {
        mailSettings("moderator", DESK, "immediate");
        String site = site("pre");
        GreenMailResource.stopServer();
        try {
            UUID id = UUID.randomUUID();
            submit(site, id, "https://courier.example/outage", null, "Ann", "ann@example.org", "Is the power back?", false);
            classify(site, id, "ham");
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts(DESK) >= 2);
            Object[] row = messageRow(DESK);
            assertEquals(null, row[1], "not sent");
            assertNotNull(row[2], "the failure is recorded: " + Arrays.toString(row));
        } finally {
            GreenMailResource.startServer();
        }
        MimeMessage mail = single(DESK);
        assertTrue(mail.getSubject().startsWith("Waiting for review: Ann"), mail.getSubject());
        await().atMost(Duration.ofSeconds(5)).until(() -> messageRow(DESK)[1] != null);
        Thread.sleep(1500);
        assertEquals(1, mailsTo(DESK).size(), "sent once");
    }

    @Test
    void aMailboxTheServerRefusesForGoodIsParkedAtOnceAndNotTriedAgain() throws Exception {
        String gone = "gone@news.example";
        mailSettings("moderator", gone, "immediate");
        String site = site("pre");
        GreenMailResource.stopServer();
        try (RefusingSmtpServer refusing = new RefusingSmtpServer(GreenMailResource.port())) {
            UUID id = UUID.randomUUID();
            submit(site, id, "https://courier.example/bounce", null, "Ann", "ann@example.org", "Hello?", false);
            classify(site, id, "ham");
            await().atMost(Duration.ofSeconds(15)).until(() -> parked(gone));
            Object[] row = messageRow(gone);
            assertEquals(1, ((Number) row[0]).intValue(), "one attempt");
            assertTrue(String.valueOf(row[2]).contains("550"), "the server's answer is kept: " + row[2]);
            Thread.sleep(1500);
            assertEquals(1, refusing.recipientsAsked.get(), "not tried again");
        } finally {
            GreenMailResource.startServer();
        }
    }

    /**
     * An SMTP server that knows no mailbox: it answers RCPT TO with 550, as a receiving server does for an address
     * that does not exist (the SMTP-level bounce).
     */
    static final class RefusingSmtpServer implements AutoCloseable {
        final AtomicInteger recipientsAsked = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread acceptor;

        RefusingSmtpServer(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            acceptor = new Thread(this::serve, "refusing-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(
                                client.getInputStream(), StandardCharsets.US_ASCII));
                        Writer out = new OutputStreamWriter(client.getOutputStream(),
                                StandardCharsets.US_ASCII)) {
                    out.write("220 refusing.test ESMTP\r\n");
                    out.flush();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                        String answer = switch (command) {
                            case "EHLO", "HELO" -> "250 refusing.test";
                            case "MAIL" -> "250 2.1.0 OK";
                            case "RCPT" -> {
                                recipientsAsked.incrementAndGet();
                                yield "550 5.1.1 No such mailbox here";
                            }
                            case "QUIT" -> "221 2.0.0 Bye";
                            default -> "250 OK";
                        };
                        out.write(answer + "\r\n");
                        out.flush();
                        if (command.equals("QUIT")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // closed, or the client hung up: the next connection, if any
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void moderatorsSetTheirAddressAndPreferenceAndBadValuesAreRefused() {
        given().auth().basic("moderator", "test-moderator-password").contentType("application/json")
                .body("{\"email\":\"night@news.example\",\"mailPreference\":\"daily\"}").put("/api/v1/account/mail")
                .then().statusCode(200).body("mailPreference", equalTo("daily"));
        given().auth().basic("admin", ADMIN).get("/api/v1/admin/accounts").then().statusCode(200)
                .body("find { it.username == 'moderator' }.email", equalTo("night@news.example"));
        given().auth().basic("moderator", "test-moderator-password").contentType("application/json")
                .body("{\"email\":\"not an address\",\"mailPreference\":\"weekly\"}").put("/api/v1/account/mail")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("mailPreference"));
        given().contentType("application/json").body("{\"email\":\"x@news.example\"}").put("/api/v1/account/mail")
                .then().statusCode(401);
        given().auth().basic("moderator", "test-moderator-password").contentType("application/json")
                .body("{\"email\":\"x@news.example\"}").put("/api/v1/admin/accounts/admin/mail").then().statusCode(403);
    }

    // --- helpers ---

    private static void mailSettings(String username, String email, String preference) {
        given().auth().basic("admin", ADMIN).contentType("application/json")
                .body(email == null ? "{\"email\":null,\"mailPreference\":\"%s\"}".formatted(preference)
                        : "{\"email\":\"%s\",\"mailPreference\":\"%s\"}".formatted(email, preference))
                .put("/api/v1/admin/accounts/" + username + "/mail").then().statusCode(200);
    }

    private static String site(String mode) {
        String site = "mail-" + Long.toString(System.nanoTime(), 36);
        given().auth().basic("admin", ADMIN).contentType("application/json")
                .body("{\"moderationMode\":\"%s\"}".formatted(mode)).put("/api/v1/admin/sites/" + site)
                .then().statusCode(200);
        return site;
    }

    private static void submit(String site, UUID id, String url, UUID parent, String name, String email, String body,
            boolean notifyReplies) {
        String payload = """
                {"commentId":"%s","threadUrl":"%s","threadTitle":"A test article","parentId":%s,
                 "author":{"name":%s,"email":"%s"},"body":%s,"createdAt":"%s","clientIp":"192.0.2.7",
                 "notifyReplies":%s}""".formatted(id, url, parent == null ? "null" : "\"" + parent + "\"",
                PublicationEvents.json(name), email, PublicationEvents.json(body),
                Instant.now().truncatedTo(ChronoUnit.MICROS), notifyReplies);
        PublicationEvents.deliver(SignedEvents.envelope(UUID.randomUUID(), "CommentSubmitted", id.toString(), site, payload))
                .then().statusCode(200);
    }

    private static void classify(String site, UUID id, String verdict) {
        String payload = """
                {"commentId":"%s","checkId":"%s","verdict":"%s","score":0.5,"discard":false,"reasons":[]}"""
                .formatted(id, UUID.randomUUID(), verdict);
        PublicationEvents.deliver(SignedEvents.envelope(UUID.randomUUID(), "CommentClassified", id.toString(), site, payload))
                .then().statusCode(200);
    }

    private static Response thread(String site, String url) {
        return given().queryParam("site", site).queryParam("url", url).get("/api/v1/threads/comments");
    }

    /** A browser following a link from a mail: the path on this test server, HTML wanted. */
    private static Response page(String method, String url) {
        return given().accept("text/html").request(method, path(url));
    }

    private static String path(String url) {
        assertTrue(url.startsWith(GreenMailResource.PUBLIC_URL), url);
        return url.substring(GreenMailResource.PUBLIC_URL.length());
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : GreenMailResource.server().getReceivedMessages()) {
            for (Address to : message.getRecipients(Message.RecipientType.TO)) {
                if (to.toString().equalsIgnoreCase(address)) {
                    mails.add(message);
                }
            }
        }
        return mails;
    }

    private static MimeMessage single(String address) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> !mailsTo(address).isEmpty());
        Thread.sleep(500);
        List<MimeMessage> mails = mailsTo(address);
        assertEquals(1, mails.size(), "one mail to " + address);
        return mails.get(0);
    }

    /** The body of the mail's part of this type (a text/plain part is always there, and an HTML one). */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = body.isMimeType(type) || body.isMimeType("multipart/*") ? part(body, type) : null;
                if (found != null) {
                    return found.replace("\r\n", "\n");
                }
            }
        }
        return null;
    }

    private static String link(String text, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(text);
        assertTrue(matcher.find(), label + " in " + text);
        return matcher.group(1);
    }

    private String storedMessageId(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select message_id from mail_message where recipient = ?1").setParameter(1, recipient).getSingleResult());
    }

    private long notices(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from mail_notice where recipient = ?1").setParameter(1, recipient).getSingleResult()))
                .longValue();
    }

    /** Notices for the recipient that wait until after {@code after} (an SQL expression). */
    private long notices(String recipient, String after) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from mail_notice where recipient = ?1 and due_at > " + after)
                .setParameter(1, recipient).getSingleResult())).longValue();
    }

    private int attempts(String recipient) {
        Object[] row = messageRow(recipient);
        return row == null ? 0 : ((Number) row[0]).intValue();
    }

    private boolean parked(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager.createNativeQuery(
                "select 1 from mail_message where recipient = ?1 and parked_at is not null")
                .setParameter(1, recipient).getResultList().isEmpty());
    }

    private Object[] messageRow(String recipient) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(
                    "select attempts, sent_at, last_error from mail_message where recipient = ?1")
                    .setParameter(1, recipient).getResultList();
            return rows.isEmpty() ? null : (Object[]) rows.get(0);
        });
    }
}
