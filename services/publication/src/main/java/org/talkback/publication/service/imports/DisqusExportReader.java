package org.talkback.publication.service.imports;

import java.io.InputStream;
import java.util.Map;

/**
 * Disqus's export: {@code <disqus>} holding {@code <category>}, {@code <thread dsq:id>} (link, title) and
 * {@code <post dsq:id>} elements (message as HTML, createdAt, author name/email/isAnonymous, ipAddress,
 * {@code <thread dsq:id>}, {@code <parent dsq:id>}, isDeleted, isSpam; some exports also isApproved).
 */
final class DisqusExportReader implements ExportReader {

    @Override
    public void read(InputStream file, ExportSink sink) throws ImportFailure {
        try (XmlRecords xml = XmlRecords.open(file)) {
            if (!xml.nextElement() || !xml.name().equals("disqus")) {
                throw new ImportFailure("not a Disqus export: it should start with <disqus>, not <"
                        + xml.name() + ">", xml.line(), xml.column());
            }
            while (xml.nextElement()) {
                int line = xml.line();
                String element = xml.name();
                if (element.equals("thread")) {
                    Map<String, String> thread = xml.readRecord();
                    sink.thread(new SourceThread(thread.get("@id"), thread.get("link"), thread.get("title")));
                } else if (element.equals("post")) {
                    post(xml.readRecord(), line, sink);
                } else {
                    xml.readRecord(); // categories, and anything newer an import does not use
                }
            }
        }
    }

    private static void post(Map<String, String> post, int line, ExportSink sink) {
        SourceStatus status;
        if (ExportFields.isTrue(post.get("isDeleted"))) {
            status = SourceStatus.DELETED;
        } else if (ExportFields.isTrue(post.get("isSpam"))) {
            status = SourceStatus.SPAM;
        } else if ("false".equalsIgnoreCase(ExportFields.trimmed(post.get("isApproved")))) {
            status = SourceStatus.HELD;
        } else {
            status = SourceStatus.PUBLISHED;
        }
        sink.comment(new SourceComment(
                ExportFields.trimmed(post.get("@id")),
                ExportFields.trimmed(post.get("thread@id")),
                ExportFields.trimmed(post.get("parent@id")),
                post.get("author/name"),
                post.get("author/email"),
                null,
                post.get("ipAddress"),
                ExportFields.instant(post.get("createdAt")),
                HtmlText.toPlainText(post.get("message"), false),
                status,
                line));
    }
}
