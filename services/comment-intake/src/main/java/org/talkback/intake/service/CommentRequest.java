package org.talkback.intake.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a widget posts. Types are loose on purpose (strings) so that a bad value gets a field-level error. */
public record CommentRequest(
        @Schema(example = "default") String site,
        @Schema(example = "https://news.example/2016/01/russia-afghanistan") String threadUrl,
        String threadTitle,
        @Schema(description = "id of the comment replied to") String parentId,
        AuthorRequest author,
        @Schema(description = "plain text; blank lines separate paragraphs") String body,
        @Schema(description = "hidden form field; people leave it empty") String honeypot,
        @Schema(description = "ISO-8601 instant when the form was shown") String formRenderedAt,
        @Schema(description = "mail me replies to this comment (needs author.email; the address is confirmed first)")
        Boolean notifyReplies) {

    public record AuthorRequest(String name, String email, String url) {
    }
}
