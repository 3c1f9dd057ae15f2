package org.talkback.publication.service.imports;

/** An article as the exporting system named it: its own key (Disqus's thread id, WordPress's post id), URL, title. */
public record SourceThread(String key, String url, String title) {
}
