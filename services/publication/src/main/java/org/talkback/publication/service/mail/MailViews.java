package org.talkback.publication.service.mail;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the mail templates (resources/templates/mail) are given. Readers' words reach them only through
 * {@link #excerpt}: cut short, and with web addresses defanged ("https[:]//spam[.]example") so that no mail client
 * turns a stranger's link into something to click. The HTML templates escape everything they insert (Qute).
 */
public final class MailViews {
    private static final int EXCERPT = 300;
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(https?|ftp)://");
    /** host names: anything with a scheme or www. before it, or ending in a top-level domain spammers favour. */
    private static final Pattern HOST = Pattern.compile(
            "(?i)\\b((?:www\\.)?(?:[a-z0-9-]+\\.)+(?:com|net|org|info|biz|io|co|ru|de|uk|us|xyz|top|online|site|shop|me|ly|gl|cc|tk|cn|app|dev|link|click))\\b");

    private MailViews() {
    }

    @TemplateData
    public record QueuedComment(String status, String authorName, String excerpt, String reason, String history,
            String approveUrl, String rejectUrl, String spamUrl) {
    }

    @TemplateData
    public record Reply(String authorName, String excerpt, String permalink, String inReplyTo) {
    }

    @TemplateData
    public record ThreadGroup<T>(String title, String url, List<T> items) {
    }

    @TemplateData
    public record SiteGroup<T>(String site, List<ThreadGroup<T>> threads) {
    }

    /** A reader's text as a mail may quote it: short, one paragraph per line, links not clickable. */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String text = body.strip();
        if (text.length() > EXCERPT) {
            text = text.substring(0, EXCERPT - 1).strip() + "…";
        }
        return defang(text);
    }

    static String defang(String text) {
        String noSchemes = SCHEME.matcher(text).replaceAll(match -> match.group(1) + "[:]//");
        Matcher hosts = HOST.matcher(noSchemes);
        return hosts.replaceAll(match -> Matcher.quoteReplacement(match.group(1).replace(".", "[.]")));
    }

    /** "3 published, 1 rejected, no spam", or that this is the author's first comment. */
    public static String history(long published, long rejected, long spam) {
        if (published + rejected + spam == 0) {
            return "first comment on this site";
        }
        return "%d published, %d rejected, %d spam before".formatted(published, rejected, spam);
    }

    public static String statusWord(String status) {
        return "flagged".equals(status) ? "flagged by readers" : "waiting for review";
    }

    static String title(String title, String url) {
        return title == null || title.isBlank() ? url : title;
    }

    static String plural(int count, String one) {
        return count + " " + one + (count == 1 ? "" : "s");
    }
}
