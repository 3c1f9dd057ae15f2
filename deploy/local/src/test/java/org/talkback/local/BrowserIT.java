package org.talkback.local;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Readers and a moderator in Debian's chromium (headless, driven by chromedriver), against the three services
 * running as processes: the demo article with the widget, and the moderator console.
 */
class BrowserIT {
    static final String DESK = "desk@news.example";
    static TalkbackStack stack;
    /** The SMTP server publication mails to (a moderator's alerts, a reader's confirmation and replies). */
    static GreenMail smtp;
    final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "the browser tests need Debian's chromium and chromedriver: apt-get install chromium chromium-driver");
        int smtpPort = Database.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        stack = StackFixture.start("browser", Map.of("TALKBACK_SMTP_HOST", "127.0.0.1",
                "TALKBACK_SMTP_PORT", Integer.toString(smtpPort), "TALKBACK_SMTP_TLS", "none",
                "TALKBACK_SMTP_FROM", "Talkback <talkback@news.example>", "TALKBACK_MODERATOR_EMAIL", DESK,
                "TALKBACK_MAIL_POLL", "500ms", "TALKBACK_MAIL_REPLY_BATCH_WINDOW", "PT1S"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    /** A fresh browser profile: its own localStorage, so a second one is another reader. */
    WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1400");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        return browser;
    }

    WebDriver openArticle() {
        return openArticle(stack.publication().url());
    }

    WebDriver openArticle(String publication) {
        WebDriver reader = browser();
        reader.get(publication + "/demo/");
        waitFor(reader, 15).until(b -> "true".equals(b.findElement(By.cssSelector("[data-talkback-site]"))
                .getAttribute("data-talkback-ready")));
        return reader;
    }

    /** Waits, looking again whenever live updates replaced what it was looking at. */
    static WebDriverWait waitFor(WebDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Fills the main form (or the reply form inside {@code scope}) like a person: not within 3 s of seeing it. */
    static void post(WebDriver browser, WebElement scope, String name, String body) throws InterruptedException {
        Thread.sleep(3_200);
        WebElement form = scope.findElement(By.cssSelector("form.talkback-form"));
        form.findElement(By.name("name")).sendKeys(name);
        form.findElement(By.name("body")).sendKeys(body);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    static WebElement published(WebDriver browser, String text) {
        return waitFor(browser, 20).until(b -> b.findElements(By.cssSelector("li.talkback-comment")).stream()
                .filter(li -> !li.getAttribute("class").contains("talkback-pending"))
                .filter(li -> li.findElement(By.cssSelector(":scope > .talkback-body")).getText().contains(text))
                .findFirst().orElse(null));
    }

    @Test
    void aReaderPostsACommentAndAReplyAndSeesThemPublished() throws Exception {
        WebDriver reader = openArticle();
        WebElement section = reader.findElement(By.cssSelector("[data-talkback-site]"));
        post(reader, section, "Ann Reader", "The Mill Lane potholes are worse than the survey says.");
        String parentId = published(reader, "Mill Lane potholes").getAttribute("data-comment-id");
        By comment = By.cssSelector("li[data-comment-id='" + parentId + "']");

        reader.findElement(comment).findElement(By.xpath("./p[@class='talkback-actions']/button[text()='Reply']")).click();
        post(reader, reader.findElement(comment), "Bob Neighbour", "Agreed, I lost a hubcap there.");
        String replyParent = waitFor(reader, 20).until(b -> {
            WebElement reply = published(b, "lost a hubcap");
            return reply.findElement(By.xpath("./ancestor::li[1]")).getAttribute("data-comment-id");
        });
        assertEquals(parentId, replyParent, "the reply sits under the comment it answers");
        screenshot(reader, "demo.png");
        assertNoConsoleErrors(reader);
    }

    @Test
    void theDemoPostsWhenOpenedAt127001Too() throws Exception {
        WebDriver reader = openArticle("http://127.0.0.1:" + stack.publication().port());
        post(reader, reader.findElement(By.cssSelector("[data-talkback-site]")), "Dee Loopback",
                "Opened by address rather than by name, and it still posts.");
        published(reader, "still posts");
        assertNoConsoleErrors(reader);
    }

    @Test
    void aHeldCommentIsShownOnlyToItsAuthorUntilAModeratorApprovesIt() throws Exception {
        WebDriver author = openArticle();
        // Two links: spam-check is unsure, so it waits for a moderator.
        post(author, author.findElement(By.cssSelector("[data-talkback-site]")), "Cara Links",
                "Sources: https://council.example/budget and https://library.example/plan");
        WebElement pending = waitFor(author, 20).until(b -> b.findElements(By.cssSelector("li.talkback-pending")).stream()
                .filter(li -> li.getText().contains("council.example/budget")).findFirst().orElse(null));
        String id = pending.getAttribute("data-comment-id");
        author.navigate().refresh();
        waitFor(author, 20).until(b -> b.findElements(By.cssSelector("li.talkback-pending[data-comment-id='" + id + "']"))
                .stream().anyMatch(li -> li.getText().contains("awaiting moderation")));

        WebDriver otherReader = openArticle();
        assertTrue(otherReader.findElements(By.cssSelector("[data-comment-id='" + id + "']")).isEmpty(),
                "another reader does not see a held comment");

        WebDriver moderator = browser();
        moderator.get(stack.publication().url() + "/moderation/");
        moderator.findElement(By.id("username")).sendKeys("moderator");
        moderator.findElement(By.id("password")).sendKeys(StackFixture.MODERATOR_PASSWORD);
        moderator.findElement(By.cssSelector("#login button[type=submit]")).click();
        waitFor(moderator, 20).until(b -> b.findElement(By.id("console")).isDisplayed());
        By held = By.cssSelector("#items .item[data-comment-id='" + id + "']");
        String shown = waitFor(moderator, 20).until(b -> {
            if (b.findElements(held).isEmpty()) {
                b.findElement(By.cssSelector("#states [data-state=held]")).click(); // reload the queue
                return null;
            }
            return b.findElement(held).getText();
        });
        assertTrue(shown.contains("too-many-links"), "the verdict's reasons are shown: " + shown);
        screenshot(moderator, "console.png");
        // Keyboard: focus the item and press "a" to approve.
        WebElement item = moderator.findElement(held);
        ((JavascriptExecutor) moderator).executeScript("arguments[0].focus()", item);
        item.sendKeys("a");
        waitFor(moderator, 20).until(b -> b.findElement(By.id("notice")).getText().contains("published"));

        published(otherReader, "council.example/budget"); // live, without a reload
        published(author, "council.example/budget");
        assertNoConsoleErrors(moderator);
    }

    @Test
    void aReaderTicksEmailMeRepliesConfirmsTheAddressInTheBrowserAndUnsubscribesFromTheReplyMail() throws Exception {
        String ann = "ann.browser@reader.example";
        WebDriver reader = openArticle();
        WebElement section = reader.findElement(By.cssSelector("[data-talkback-site]"));
        Thread.sleep(3_200);
        WebElement form = section.findElement(By.cssSelector("form.talkback-form"));
        form.findElement(By.name("name")).sendKeys("Ann Browser");
        form.findElement(By.name("email")).sendKeys(ann);
        form.findElement(By.name("body")).sendKeys("Will the library keep its Sunday hours?");
        WebElement box = form.findElement(By.name("notifyReplies"));
        assertTrue(form.findElement(By.cssSelector("label[for='" + box.getAttribute("id") + "']")).getText()
                .contains("Email me replies"), "the checkbox is labelled");
        box.click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        String parentId = published(reader, "Sunday hours").getAttribute("data-comment-id");

        String confirmText = textOf(mailTo(ann, "Confirm that you want replies by email"));
        String confirm = linkAfter(confirmText, "(the link works for 7 days):");
        WebDriver inbox = browser();
        inbox.get(confirm);
        assertEquals("Email me replies?", inbox.findElement(By.id("title")).getText());
        screenshot(inbox, "mail-confirm.png");
        inbox.findElement(By.id("confirm")).click();
        waitFor(inbox, 10).until(b -> b.findElement(By.id("title")).getText().equals("Confirmed"));
        assertNoConsoleErrors(inbox);

        By comment = By.cssSelector("li[data-comment-id='" + parentId + "']");
        WebDriver neighbour = openArticle();
        waitFor(neighbour, 20).until(b -> b.findElement(comment))
                .findElement(By.xpath("./p[@class='talkback-actions']/button[text()='Reply']")).click();
        post(neighbour, neighbour.findElement(comment), "Bob Neighbour", "Yes, from ten to four, says the council.");
        published(neighbour, "ten to four");

        MimeMessage replyMail = mailTo(ann, "Bob Neighbour replied to your comment");
        String replyText = textOf(replyMail);
        assertTrue(replyText.contains("Yes, from ten to four, says the council."), replyText);
        String header = replyMail.getHeader("List-Unsubscribe")[0];
        String unsubscribe = linkAfter(replyText, "Stop these mails:");
        assertEquals("<" + unsubscribe + ">", header, "the header and the visible link are the same");
        inbox.get(unsubscribe);
        assertEquals("Stop reply mails?", inbox.findElement(By.id("title")).getText());
        inbox.findElement(By.id("confirm")).click();
        waitFor(inbox, 10).until(b -> b.findElement(By.id("title")).getText().equals("Unsubscribed"));
        screenshot(inbox, "mail-unsubscribed.png");
    }

    @Test
    void aModeratorApprovesAHeldCommentFromTheMailAndReadersSeeIt() throws Exception {
        String url = "https://news.example/2016/01/mail-approve";
        String id = StackFixture.post(stack, url, "Dora Links",
                "See https://council.example/minutes and https://archive.example/1988 for the vote").then()
                .statusCode(202).extract().path("id");
        MimeMessage alert = await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(DESK).stream()
                .filter(mail -> textOf(mail).contains("council[.]example") || textOf(mail).contains("https[:]//council"))
                .filter(mail -> textOf(mail).contains("for the vote")).findFirst().orElse(null), found -> found != null);
        String text = textOf(alert);
        assertFalse(text.contains("https://council.example"), "the comment's links are not links in the mail: " + text);
        WebDriver moderator = browser();
        moderator.get(linkAfter(text, "Approve:"));
        assertEquals("Approve this comment?", moderator.findElement(By.id("title")).getText());
        assertTrue(StackFixture.publishedIds(stack, url).isEmpty(), "opening the link decided nothing");
        screenshot(moderator, "mail-approve.png");
        moderator.findElement(By.id("confirm")).click();
        waitFor(moderator, 10).until(b -> b.findElement(By.id("title")).getText().equals("Approved"));
        assertEquals(List.of(id), StackFixture.publishedIds(stack, url), "readers see it");
        assertNoConsoleErrors(moderator);
        // Sending the form again (a reload, a second click): the link is used by now, and the page says so (409).
        moderator.navigate().refresh();
        waitFor(moderator, 10).until(b -> b.findElement(By.id("title")).getText().equals("This link was used"));
    }

    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (mail.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                mails.add(mail);
            }
        }
        return mails;
    }

    static MimeMessage mailTo(String address, String subjectStart) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(address).stream()
                .filter(mail -> subjectOf(mail).startsWith(subjectStart)).findFirst().orElse(null), found -> found != null);
    }

    /** The text/plain part, the one every mail has. */
    static String textOf(MimeMessage mail) {
        try {
            Multipart parts = (Multipart) mail.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/plain")) {
                    return parts.getBodyPart(i).getContent().toString().replace("\r\n", "\n");
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no text/plain part");
    }

    static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String linkAfter(String text, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(text);
        assertTrue(matcher.find(), label + " in " + text);
        return matcher.group(1);
    }

    /** Nothing the page loaded failed (a missing icon included) and no script error was logged. */
    static void assertNoConsoleErrors(WebDriver page) {
        List<String> errors = page.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertEquals(List.of(), errors, "console errors");
    }

    @Test
    void aHostileCommentNeverRunsScriptInAnotherReadersPage() throws Exception {
        WebDriver attacker = openArticle();
        WebDriver victim = openArticle();
        String hostile = "<img src=x onerror=alert(1)> \"><svg onload=alert(2)> javascript:alert(3) "
                + "<a href=\"javascript:alert(4)\">click</a> &lt;b&gt;";
        post(attacker, attacker.findElement(By.cssSelector("[data-talkback-site]")), "<b onmouseover=alert(5)>Mallory</b>", hostile);
        // Markup that looks like links makes spam-check unsure; a moderator letting it through is the worst case.
        String id = waitFor(attacker, 20).until(b -> b.findElements(By.cssSelector("li.talkback-comment")).stream()
                .filter(li -> li.getText().contains("onerror=alert(1)")).findFirst().orElse(null))
                .getAttribute("data-comment-id");
        approveIfWaiting(id);
        WebElement shown = published(victim, "onerror=alert(1)");
        assertTrue(shown.findElement(By.cssSelector(".talkback-body")).getText().contains("<img src=x onerror=alert(1)>"),
                "shown as text");
        assertTrue(shown.findElements(By.cssSelector(".talkback-body img, .talkback-body svg, .talkback-meta b")).isEmpty());
        victim.navigate().refresh();
        published(victim, "onerror=alert(1)");
        for (WebDriver page : List.of(attacker, victim)) {
            assertFalse(alertShown(page), "a script ran and opened a dialog");
            assertNoConsoleErrors(page);
        }
    }

    /** Approves the comment through the moderation API if spam-check sent it to the queue. */
    private static void approveIfWaiting(String id) {
        String status = await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> states = moderatorApi().queryParam("commentId", id).get("/api/v1/moderation/audit")
                    .then().statusCode(200).extract().jsonPath().getList("entries.to");
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }, found -> found != null);
        if (status.equals("published")) {
            return;
        }
        Integer version = moderatorApi().queryParam("state", status).queryParam("limit", 200).get("/api/v1/moderation/queue")
                .then().statusCode(200).extract().path("items.find { it.comment.id == '%s' }.comment.version".formatted(id));
        moderatorApi().contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body("{\"action\":\"approve\"}").post("/api/v1/moderation/comments/" + id + "/decision")
                .then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification moderatorApi() {
        return given().baseUri(stack.publication().url()).auth().basic("moderator", StackFixture.MODERATOR_PASSWORD);
    }

    private static boolean alertShown(WebDriver page) {
        try {
            page.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path directory = Path.of("target", "screenshots");
        Files.createDirectories(directory);
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), directory.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
