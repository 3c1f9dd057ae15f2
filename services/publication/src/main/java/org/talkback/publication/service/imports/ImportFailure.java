package org.talkback.publication.service.imports;

/** The file as a whole cannot be imported; the job fails with this reason and, if known, where in the file. */
public class ImportFailure extends Exception {
    private final int line;
    private final int column;

    public ImportFailure(String reason, int line, int column) {
        super(reason);
        this.line = line;
        this.column = column;
    }

    public ImportFailure(String reason) {
        this(reason, 0, 0);
    }

    /** 1-based; 0 when the failure has no position (the file is too large, the format unknown). */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
