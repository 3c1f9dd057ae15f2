package org.talkback.publication.service.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import org.talkback.publication.repository.ExportRepository;
import org.talkback.publication.service.sites.SiteDirectory;

/**
 * A site's comments as Talkback's export (JSON Lines; see {@link ExportedComment} and docs/api.md), written as they
 * are read: the export of a site of any size runs in the same memory.
 */
@ApplicationScoped
public class SiteExports {
    private final ExportRepository repository;
    private final SiteDirectory sites;
    private final ObjectMapper json;

    public SiteExports(ExportRepository repository, SiteDirectory sites, ObjectMapper json) {
        this.repository = repository;
        this.sites = sites;
        this.json = json;
    }

    /** Fails (404) before anything is written if the site is unknown. */
    public void requireSite(String siteId) {
        if (!sites.exists(siteId)) {
            throw SiteDirectory.unknown(siteId);
        }
    }

    public void write(String siteId, OutputStream out) throws IOException {
        // One generator for the whole stream; each value is followed by a newline, which JSON never needs inside
        // a value (newlines in text are escaped), so every line is one comment.
        JsonGenerator lines = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        lines.setRootValueSeparator(null);
        json.writeValue(lines, new ExportedComment.Header(ExportedComment.Header.FORMAT, ExportedComment.Header.VERSION,
                siteId, Instant.now()));
        lines.writeRaw('\n');
        try {
            repository.forEachComment(siteId, comment -> {
                json.writeValue(lines, comment);
                lines.writeRaw('\n');
            });
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("the export broke off: " + e.getMessage(), e));
        }
        lines.flush();
    }
}
