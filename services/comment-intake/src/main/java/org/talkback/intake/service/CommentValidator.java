package org.talkback.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.talkback.intake.config.IntakeConfig;
import org.talkback.intake.model.Site;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.threads.ThreadUrls;

/** Checks a posted comment field by field and answers with every problem at once, so a form can mark them all. */
@ApplicationScoped
public class CommentValidator {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final int MAX_NAME = 100;
    private static final int MAX_TITLE = 300;
    private static final Pattern SCRIPT_TAG = Pattern.compile("<\\s*/?\\s*script", Pattern.CASE_INSENSITIVE);
    /**
     * Languages stack a few marks on a letter (Vietnamese two, some Indic and Hebrew pointing three or four);
     * Unicode's stream-safe format (UAX #15) allows up to 30, but nothing a reader writes needs more than 8.
     */
    private static final int MAX_COMBINING_RUN = 8;

    private final SiteSettings sites;
    private final IntakeConfig config;

    public CommentValidator(SiteSettings sites, IntakeConfig config) {
        this.sites = sites;
        this.config = config;
    }

    /** A comment that passed every check, cleaned and ready to store. */
    public record ValidComment(Site site, String threadUrl, String threadTitle, UUID parentId, String authorName,
            String authorEmail, String authorUrl, String body, boolean honeypotFilled, Instant formRenderedAt,
            boolean notifyReplies) {
    }

    public ValidComment validate(CommentRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is empty.");
        }
        List<FieldError> errors = new ArrayList<>();
        Site site = null;
        if (blank(request.site())) {
            errors.add(new FieldError("site", "is required"));
        } else {
            site = request.site().length() > 64 ? null : sites.find(request.site());
            if (site == null) {
                errors.add(new FieldError("site", "is not a site this server knows"));
            }
        }
        Optional<String> threadUrl = ThreadUrls.canonical(request.threadUrl());
        if (threadUrl.isEmpty()) {
            errors.add(new FieldError("threadUrl", "must be an absolute http(s) URL of at most 2048 characters"));
        }
        String title = readerLine("threadTitle", request.threadTitle(), errors);
        if (title != null && title.length() > MAX_TITLE) {
            errors.add(new FieldError("threadTitle", "must be at most " + MAX_TITLE + " characters"));
        }
        UUID parentId = null;
        if (!blank(request.parentId())) {
            try {
                parentId = UUID.fromString(request.parentId());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("parentId", "is not a comment id"));
            }
        }
        CommentRequest.AuthorRequest author = request.author();
        String name = author == null ? null : readerLine("author.name", author.name(), errors);
        String email = author == null ? null : readerLine("author.email", author.email(), errors);
        String url = author == null ? null : readerLine("author.url", author.url(), errors);
        if (blank(name)) {
            errors.add(new FieldError("author.name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("author.name", "must be at most " + MAX_NAME + " characters"));
        }
        if (blank(email)) {
            email = null;
            if (site != null && site.requireEmail) {
                errors.add(new FieldError("author.email", "is required on this site"));
            }
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("author.email", "is not an email address"));
        }
        if (blank(url)) {
            url = null;
        } else if (ThreadUrls.canonical(url).isEmpty()) {
            errors.add(new FieldError("author.url", "must be an http(s) URL"));
        }
        String body = body(request.body(), errors);
        Instant renderedAt = null;
        if (!blank(request.formRenderedAt())) {
            try {
                renderedAt = Instant.parse(request.formRenderedAt());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("formRenderedAt", "must be an ISO-8601 instant"));
            }
        }
        boolean notifyReplies = Boolean.TRUE.equals(request.notifyReplies());
        if (notifyReplies && email == null && errors.stream().noneMatch(error -> error.field().equals("author.email"))) {
            errors.add(new FieldError("author.email", "is needed to be told of replies (notifyReplies)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ValidComment(site, threadUrl.get(), title, parentId, name, email, url, body,
                !blank(request.honeypot()), renderedAt, notifyReplies);
    }

    /** An edited body, checked by the same rules as a new one. */
    public String validateBody(String raw) {
        List<FieldError> errors = new ArrayList<>();
        String body = body(raw, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return body;
    }

    private String body(String raw, List<FieldError> errors) {
        String body = readerText("body", raw, errors);
        if (blank(body)) {
            errors.add(new FieldError("body", "is required"));
        } else if (body.length() > config.maxBodyLength()) {
            errors.add(new FieldError("body", "must be at most " + config.maxBodyLength() + " characters"));
        }
        return body;
    }

    private static String readerLine(String field, String raw, List<FieldError> errors) {
        String cleaned = readerText(field, raw, errors);
        return cleaned == null ? null : ReaderText.cleanLine(cleaned);
    }

    /**
     * What every field a reader fills in must pass. The text is stored as plain text and escaped wherever it is
     * shown, so markup is harmless; script tags and NUL bytes are still refused because no reader types them
     * by accident: they are probes, and refusing them keeps them out of every downstream system that might be
     * less careful. Long runs of combining marks ("Zalgo" text) would spill over neighbouring comments.
     */
    private static String readerText(String field, String raw, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        if (raw.indexOf('\u0000') >= 0) {
            errors.add(new FieldError(field, "must not contain NUL characters"));
            return null;
        }
        String cleaned = ReaderText.clean(raw);
        if (SCRIPT_TAG.matcher(cleaned).find()) {
            errors.add(new FieldError(field, "must not contain script tags"));
        } else if (ReaderText.longestCombiningRun(cleaned) > MAX_COMBINING_RUN) {
            errors.add(new FieldError(field, "has more than " + MAX_COMBINING_RUN + " combining marks on one character"));
        }
        return cleaned;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
