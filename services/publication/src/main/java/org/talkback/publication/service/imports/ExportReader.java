package org.talkback.publication.service.imports;

import java.io.InputStream;

/** Reads one kind of export file as a stream: nothing but the current record is held in memory. */
public interface ExportReader {

    /**
     * Reads the whole file into the sink.
     *
     * @throws ImportFailure when the file is not of this format, not well-formed, truncated, or hostile
     */
    void read(InputStream file, ExportSink sink) throws ImportFailure;
}
