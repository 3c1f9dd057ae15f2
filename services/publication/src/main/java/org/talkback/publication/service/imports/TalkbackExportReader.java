package org.talkback.publication.service.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Talkback's own export (see {@link ExportedComment}): a header line, then one comment per line. */
final class TalkbackExportReader implements ExportReader {
    private final ObjectMapper json;

    TalkbackExportReader(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void read(InputStream file, ExportSink sink) throws ImportFailure {
        // Strict UTF-8: a broken byte fails the import at its line instead of becoming a replacement character.
        BufferedReader lines = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        Set<String> threads = new HashSet<>();
        int number = 0;
        try {
            String line = lines.readLine();
            number++;
            header(line);
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ExportedComment comment = json.readValue(line, ExportedComment.class);
                if (comment.threadUrl() != null && threads.add(comment.threadUrl())) {
                    sink.thread(new SourceThread(comment.threadUrl(), comment.threadUrl(), comment.threadTitle()));
                }
                ExportedComment.Author author = comment.author();
                sink.comment(new SourceComment(
                        comment.id() == null ? null : comment.id().toString(),
                        comment.threadUrl(),
                        comment.parentId() == null ? null : comment.parentId().toString(),
                        author == null ? null : author.name(),
                        author == null ? null : author.email(),
                        author == null ? null : author.url(),
                        comment.clientIp(),
                        comment.createdAt(),
                        comment.body() == null ? "" : comment.body(),
                        status(comment.status()),
                        number));
            }
        } catch (CharacterCodingException e) {
            throw new ImportFailure("not UTF-8 text", number + 1, 0);
        } catch (JsonProcessingException e) {
            throw new ImportFailure("not a Talkback export line: " + e.getOriginalMessage(), number,
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ImportFailure("the file could not be read: " + e.getMessage(), number, 0);
        }
    }

    private void header(String line) throws ImportFailure, JsonProcessingException {
        ExportedComment.Header header = line == null || !line.startsWith("{") ? null
                : json.readValue(line, ExportedComment.Header.class);
        if (header == null || !ExportedComment.Header.FORMAT.equals(header.format())) {
            throw new ImportFailure("not a Talkback export: its first line should be {\"format\":\""
                    + ExportedComment.Header.FORMAT + "\", …}", 1, 1);
        }
        if (header.version() > ExportedComment.Header.VERSION) {
            throw new ImportFailure("a Talkback export of version " + header.version() + "; this version reads up to "
                    + ExportedComment.Header.VERSION, 1, 1);
        }
    }

    private static SourceStatus status(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "published" -> SourceStatus.PUBLISHED;
            case "flagged" -> SourceStatus.FLAGGED;
            case "spam", "discarded" -> SourceStatus.SPAM;
            case "rejected" -> SourceStatus.REJECTED;
            case "retracted", "deleted" -> SourceStatus.DELETED;
            default -> SourceStatus.HELD;
        };
    }
}
