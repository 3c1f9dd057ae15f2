package org.talkback.publication.service.imports;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns the HTML of another system's comment into Talkback's plain text, which is what readers type and what the
 * renderer escapes: paragraphs become blank lines, line breaks new lines, a link its text followed by its http(s)
 * address (which the renderer links again, marked nofollow); every other tag is dropped and only its text stays.
 * So a script, an image or an event handler written years ago elsewhere arrives as words, never as markup.
 * jsoup parses as a browser would, so broken or hostile HTML gets no second reading.
 */
final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2",
            "h3", "h4", "h5", "h6", "table", "tr", "hr");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern MANY_BREAKS = Pattern.compile("\\n{3,}");
    private static final Pattern SPACE_AROUND_BREAK = Pattern.compile(" *\\n *");
    private static final Pattern TWO_SPACES = Pattern.compile(" {2,}");

    private HtmlText() {
    }

    /**
     * @param newlinesAreBreaks whether a newline in the text itself is a line break (WordPress stores comments
     *                          that way and adds the paragraphs when it shows them; Disqus writes the tags)
     */
    static String toPlainText(String html, boolean newlinesAreBreaks) {
        if (html == null || html.isBlank()) {
            return "";
        }
        StringBuilder text = new StringBuilder(html.length());
        Element body = Jsoup.parseBodyFragment(html).body();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    String words = textNode.getWholeText();
                    if (!newlinesAreBreaks && !insidePre(textNode)) {
                        words = words.replace('\n', ' ');
                    }
                    text.append(SPACES.matcher(words.replace("\r\n", "\n")).replaceAll(" "));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("br")) {
                        text.append('\n');
                    } else if (BLOCKS.contains(tag)) {
                        text.append("\n\n");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("a")) {
                        appendAddress(text, element);
                    } else if (BLOCKS.contains(tag)) {
                        text.append("\n\n");
                    }
                }
            }
        });
        String plain = SPACE_AROUND_BREAK.matcher(TWO_SPACES.matcher(text).replaceAll(" ")).replaceAll("\n");
        return MANY_BREAKS.matcher(plain).replaceAll("\n\n").strip();
    }

    /** "its text (https://…)", unless the text already is the address or the address is not a web one. */
    private static void appendAddress(StringBuilder text, Element link) {
        String href = link.attr("href").strip();
        String lower = href.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
            return;
        }
        String shown = link.text().strip();
        if (shown.isEmpty()) {
            text.append(href);
            return;
        }
        // Disqus shows long addresses shortened ("https://example.com/a-long-pa…"): that text is the address.
        boolean textIsTheAddress = shown.equals(href) || shown.length() > 10 && href.startsWith(shown.replace("…", ""));
        if (!textIsTheAddress) {
            text.append(" (").append(href).append(')');
        }
    }

    private static boolean insidePre(Node node) {
        for (Node parent = node.parentNode(); parent != null; parent = parent.parentNode()) {
            if (parent instanceof Element element && element.normalName().equals("pre")) {
                return true;
            }
        }
        return false;
    }
}
