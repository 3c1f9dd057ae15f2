package org.talkback.publication.service.read;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a reader's plain text into the HTML other readers' browsers will insert as it is. Everything is escaped;
 * the only markup is what this class writes itself: paragraphs, line breaks, and links to http(s) URLs marked
 * nofollow/ugc (search engines give them no credit, which takes the reward out of link spam).
 */
public final class BodyRenderer {
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`]+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";
    private static final int MAX_LINK_TEXT = 80;

    private BodyRenderer() {
    }

    public static String render(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder(text.length() + 32);
        for (String paragraph : PARAGRAPH_BREAK.split(text.strip())) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>");
            String[] lines = paragraph.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    html.append("<br>");
                }
                appendLinked(html, lines[i]);
            }
            html.append("</p>");
        }
        return html.toString();
    }

    private static void appendLinked(StringBuilder html, String line) {
        Matcher matcher = URL.matcher(line);
        int last = 0;
        while (matcher.find()) {
            String url = matcher.group();
            int end = matcher.end();
            while (!url.isEmpty() && TRAILING_PUNCTUATION.indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
                end--;
            }
            html.append(escape(line.substring(last, matcher.start())));
            if (isSafeLink(url)) {
                String shown = url.length() > MAX_LINK_TEXT ? url.substring(0, MAX_LINK_TEXT - 1) + "…" : url;
                html.append("<a href=\"").append(escape(url)).append("\" rel=\"nofollow ugc noopener\">")
                        .append(escape(shown)).append("</a>");
            } else {
                html.append(escape(url));
            }
            last = end;
        }
        html.append(escape(line.substring(last)));
    }

    /** Only absolute http(s) URLs with a host become links; anything the URI parser rejects stays text. */
    public static boolean isSafeLink(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Escapes for both element content and double- or single-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                // Direction embeddings, overrides and isolates can make a link's text read backwards (a file
                // name or domain shown reversed). An entity would be decoded back into the same character, so
                // they are dropped; the marks that plain right-to-left writing needs (U+200E, U+200F) stay.
                case 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069 -> { }
                default -> escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
