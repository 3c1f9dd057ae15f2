package org.talkback.publication.service.imports;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WordPress's WXR: an RSS {@code <channel>} of {@code <item>}s (link, title, wp:post_id) each holding its
 * {@code <wp:comment>}s (author, email, URL, IP, comment_date_gmt, content, comment_approved 1/0/spam/trash,
 * comment_parent, comment_type). Pingbacks and trackbacks are notices from other blogs, not readers' comments:
 * skipped unless asked for.
 */
final class WordPressExportReader implements ExportReader {
    private final boolean withPingbacks;

    WordPressExportReader(boolean withPingbacks) {
        this.withPingbacks = withPingbacks;
    }

    @Override
    public void read(InputStream file, ExportSink sink) throws ImportFailure {
        try (XmlRecords xml = XmlRecords.open(file)) {
            if (!xml.nextElement() || !xml.name().equals("rss")) {
                throw new ImportFailure("not a WordPress export (WXR): it should start with <rss>, not <"
                        + xml.name() + ">", xml.line(), xml.column());
            }
            while (xml.nextElement()) {
                if (xml.name().equals("item")) {
                    item(xml, sink);
                } else if (!xml.name().equals("channel")) {
                    xml.readRecord(); // the blog's authors, categories, tags, terms: not comments
                }
            }
        }
    }

    /** An item's own fields come before its comments in WXR; they are collected first anyway, to be safe. */
    private void item(XmlRecords xml, ExportSink sink) throws ImportFailure {
        String link = null;
        String title = null;
        String postId = null;
        String guid = null;
        List<Map<String, String>> comments = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        // The item's children, read one by one: an item can hold thousands of comments.
        while (xml.nextElementWithin("item")) {
            String name = xml.name();
            int line = xml.line();
            switch (name) {
                case "comment" -> {
                    comments.add(xml.readRecord());
                    lines.add(line);
                }
                case "link" -> link = xml.readText();
                case "title" -> title = xml.readText();
                case "post_id" -> postId = ExportFields.trimmed(xml.readText());
                case "guid" -> guid = xml.readText();
                default -> xml.readRecord();
            }
        }
        String url = ExportFields.trimmed(link) != null ? ExportFields.trimmed(link) : ExportFields.trimmed(guid);
        String key = postId != null ? postId : url;
        sink.thread(new SourceThread(key, url, ExportFields.trimmed(title)));
        for (int i = 0; i < comments.size(); i++) {
            comment(comments.get(i), key, lines.get(i), sink);
        }
    }

    private void comment(Map<String, String> comment, String threadKey, int line, ExportSink sink) {
        String id = ExportFields.trimmed(comment.get("comment_id"));
        String type = ExportFields.trimmed(comment.get("comment_type"));
        if (type != null && !type.equalsIgnoreCase("comment") && !withPingbacks) {
            sink.skipped(id, "a " + type.toLowerCase(Locale.ROOT) + ", not a reader's comment (add pingbacks=true to import them)");
            return;
        }
        String parent = ExportFields.trimmed(comment.get("comment_parent"));
        Instant created = ExportFields.instant(comment.get("comment_date_gmt"));
        if (created == null) {
            // Some exports zero the _gmt column; the blog's local time is the next best thing.
            created = ExportFields.instant(comment.get("comment_date"));
        }
        sink.comment(new SourceComment(
                id,
                threadKey,
                "0".equals(parent) ? null : parent,
                comment.get("comment_author"),
                comment.get("comment_author_email"),
                comment.get("comment_author_url"),
                comment.get("comment_author_IP"),
                created,
                HtmlText.toPlainText(comment.get("comment_content"), true),
                status(comment.get("comment_approved")),
                line));
    }

    private static SourceStatus status(String approved) {
        String value = ExportFields.trimmed(approved);
        if (value == null) {
            return SourceStatus.HELD;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "approve", "approved" -> SourceStatus.PUBLISHED;
            case "spam" -> SourceStatus.SPAM;
            case "trash", "post-trashed" -> SourceStatus.DELETED;
            default -> SourceStatus.HELD;
        };
    }
}
