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
import org.talkback.intake.repository.SiteRepository;
import org.talkback.intake.rest.CommentRequest;
import org.talkback.platform.threads.ThreadUrls;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;

/** Checks a posted comment field by field and answers with every problem at once, so a form can mark them all. */
@ApplicationScoped
public class CommentValidator {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final int MAX_NAME = 100;
    private static final int MAX_TITLE = 300;

    private final SiteRepository sites;
    private final IntakeConfig config;

    public CommentValidator(SiteRepository sites, IntakeConfig config) {
        this.sites = sites;
        this.config = config;
    }

    /** A comment that passed every check, cleaned and ready to store. */
    public record ValidComment(Site site, String threadUrl, String threadTitle, UUID parentId, String authorName,
            String authorEmail, String authorUrl, String body, boolean honeypotFilled, Instant formRenderedAt) {
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
            site = sites.findById(request.site());
            if (site == null) {
                errors.add(new FieldError("site", "is not a site this server knows"));
            }
        }
        Optional<String> threadUrl = ThreadUrls.canonical(request.threadUrl());
        if (threadUrl.isEmpty()) {
            errors.add(new FieldError("threadUrl", "must be an absolute http(s) URL of at most 2048 characters"));
        }
        String title = ReaderText.cleanLine(request.threadTitle());
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
        String name = author == null ? null : ReaderText.cleanLine(author.name());
        String email = author == null ? null : ReaderText.cleanLine(author.email());
        String url = author == null ? null : ReaderText.cleanLine(author.url());
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
        String body = ReaderText.clean(request.body());
        if (blank(body)) {
            errors.add(new FieldError("body", "is required"));
        } else if (body.length() > config.maxBodyLength()) {
            errors.add(new FieldError("body", "must be at most " + config.maxBodyLength() + " characters"));
        }
        Instant renderedAt = null;
        if (!blank(request.formRenderedAt())) {
            try {
                renderedAt = Instant.parse(request.formRenderedAt());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("formRenderedAt", "must be an ISO-8601 instant"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ValidComment(site, threadUrl.get(), title, parentId, name, email, url, body,
                !blank(request.honeypot()), renderedAt);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
