package org.talkback.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.talkback.publication.service.read.BodyRenderer;

/** What readers write can never become markup in another reader's browser. */
class BodyRendererTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "click <a href=\"javascript:alert(1)\">here</a>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "https://ok.example/\"onmouseover=\"alert(1)",
        "https://ok.example/'><script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\u202Egnp.exe https://evil.example/\u202E",
        "https://\u202Eelgoog.example/ \u2066isolated\u2069 &#x202E; &amp;lt;",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a> DATA:text/html,hi",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "&#106;avascript:alert(1) &#x3C;script&#x3E;",
        "<svg/onload=alert(1)>",
        "<iframe src=https://evil.example></iframe>",
        "https://x.example/<b>bold</b>",
        "</p><p onclick=alert(1)>x",
    })
    void hostileTextRendersInert(String hostile) {
        Document html = Jsoup.parseBodyFragment(BodyRenderer.render(hostile));
        assertTrue(html.select("script, img, svg, iframe, b, object, embed, style").isEmpty(), html.body().html());
        for (Element element : html.body().getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertFalse(attribute.getKey().toLowerCase().startsWith("on"), "event handler in " + html.body().html());
            }
            if (element.tagName().equals("a")) {
                String href = element.attr("href");
                assertTrue(href.startsWith("http://") || href.startsWith("https://"), "link to " + href);
                assertEquals("nofollow ugc noopener", element.attr("rel"));
            }
        }
        // Checked on the parsed text: an entity such as &#x202E; would come back as the character itself.
        assertTrue(html.text().codePoints().noneMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)),
                "a direction override survived");
    }

    @Test
    void theTextReadsAsWritten() {
        String text = "Tom & Jerry <3 \"quotes\"\nsecond line\n\n\nnew paragraph";
        Document html = Jsoup.parseBodyFragment(BodyRenderer.render(text));
        assertEquals(2, html.select("p").size());
        assertEquals("Tom & Jerry <3 \"quotes\" second line", html.select("p").get(0).text());
        assertEquals(1, html.select("br").size());
    }

    @Test
    void urlsBecomeLinksWithoutTheirTrailingPunctuation() {
        String html = BodyRenderer.render("See https://news.example/a?b=1&c=2.");
        assertEquals("<p>See <a href=\"https://news.example/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
                + "https://news.example/a?b=1&amp;c=2</a>.</p>", html);
    }
}
