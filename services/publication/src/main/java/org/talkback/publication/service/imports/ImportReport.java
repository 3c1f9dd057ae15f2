package org.talkback.publication.service.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found, for the job's report: counts, and per skipped or mended comment the source's id and the
 * reason. Reasons are counted in full; the first {@link #MAX_NOTES} notes are kept with their ids, enough to
 * find the pattern in a messy file without storing a second copy of it.
 */
public final class ImportReport {
    public static final int MAX_NOTES = 1000;

    /** One comment the import did not take as it was. */
    public record Note(String sourceId, String kind, String reason) {
        public static final String SKIPPED = "skipped";
        public static final String MENDED = "mended";
    }

    private long read;
    private long skipped;
    private long mended;
    private final List<Note> notes = new ArrayList<>();
    private int noted;
    private final Map<String, Long> reasons = new LinkedHashMap<>();

    void countRead() {
        read++;
    }

    void skipped(String sourceId, String reason, String reasonKind) {
        skipped++;
        note(new Note(sourceId, Note.SKIPPED, reason), reasonKind);
    }

    void mended(String sourceId, String reason, String reasonKind) {
        mended++;
        note(new Note(sourceId, Note.MENDED, reason), reasonKind);
    }

    private void note(Note note, String reasonKind) {
        reasons.merge(note.kind() + ": " + reasonKind, 1L, Long::sum);
        if (noted < MAX_NOTES) {
            notes.add(note);
            noted++;
        }
    }

    public long read() {
        return read;
    }

    public long skipped() {
        return skipped;
    }

    public long mended() {
        return mended;
    }

    /** The notes kept so far; the caller takes them (they are not returned twice). */
    public List<Note> takeNotes() {
        List<Note> taken = new ArrayList<>(notes);
        notes.clear();
        return taken;
    }

    /** How often each kind of reason came up, e.g. {"skipped: deleted in the source": 12}. */
    public Map<String, Long> reasons() {
        return reasons;
    }
}
