package org.talkback.publication.service.imports;

/** What an {@link ExportReader} finds, in file order. */
public interface ExportSink {

    void thread(SourceThread thread);

    void comment(SourceComment comment);

    /** Something the reader could not take at all (a pingback, a post without an id), with the source's id if any. */
    void skipped(String sourceId, String reason);
}
