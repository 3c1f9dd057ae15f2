package org.talkback.publication.service.imports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of Talkback's export (JSON Lines, after a first line that names the format): everything needed to
 * rebuild the comment elsewhere. Documented in docs/api.md; fields are only ever added.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportedComment(
        String threadUrl,
        String threadTitle,
        UUID id,
        UUID parentId,
        Author author,
        String clientIp,
        Instant createdAt,
        String status,
        String body,
        String verdict,
        Double score) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(String name, String email, String url) {
    }

    /** The first line of every export. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Header(String format, int version, String site, Instant exportedAt) {
        public static final String FORMAT = "talkback-export";
        public static final int VERSION = 1;
    }
}
