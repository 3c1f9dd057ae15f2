package org.talkback.publication.service.imports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.talkback.platform.threads.ThreadPosition;
import org.talkback.platform.threads.ThreadUrls;

/**
 * Mends what an export reader found and places each comment in its thread, in an order where every parent comes
 * before its replies (so stores can keep their foreign keys). What real exports get wrong is skipped or mended, with
 * a note in the report, never a crash: comments without an id or with one seen before, threads missing or without
 * a link, empty messages, stray whitespace in emails, unusable addresses, missing dates, replies whose parent is
 * deleted, missing or in another thread, replies nested deeper than the site allows.
 *
 * <p>It remembers, per comment read, its id, depth and position (about 200 bytes): a 200,000-comment export costs
 * some 40 MB while it runs. Replies that come before their parent wait for it, and are placed at the top of their
 * thread if it never comes.
 */
final class ImportPlanner implements ExportSink {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    static final int MAX_NAME = 100;
    static final int MAX_TITLE = 300;

    private final String siteId;
    private final String format;
    private final int maxReplyDepth;
    private final Instant started;
    private final ImportReport report;
    private final Consumer<ImportedComment> out;

    private final Map<String, SourceThread> threads = new HashMap<>();
    private final Map<String, Placed> placed = new HashMap<>();
    /** Deleted comments' parents, so that their replies can go under the nearest ancestor that is still there. */
    private final Map<String, String> deletedParents = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, List<Waiting>> waitingFor = new HashMap<>();
    private Instant lastDate;
    private final Deque<String> released = new ArrayDeque<>();
    private boolean releasing;

    /** A comment placed in its thread: what its replies need to know. */
    private record Placed(UUID id, String threadUrl, int depth, String position, Placed parent) {
    }

    /** A mended comment whose parent has not been read yet. */
    private record Waiting(SourceComment source, String threadUrl, String threadTitle, String name, String email,
            String authorUrl, String address, Instant createdAt, String parentSourceId) {
    }

    ImportPlanner(String siteId, String format, int maxReplyDepth, Instant started, ImportReport report,
            Consumer<ImportedComment> out) {
        this.siteId = siteId;
        this.format = format;
        this.maxReplyDepth = maxReplyDepth;
        this.started = started.truncatedTo(ChronoUnit.MICROS);
        this.report = report;
        this.out = out;
    }

    /** The id a source's comment has here: the same on every run, different per site and per source system. */
    static UUID commentId(String siteId, String format, String sourceId) {
        return UUID.nameUUIDFromBytes(("talkback-import\n" + siteId + "\n" + format + "\n" + sourceId)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void thread(SourceThread thread) {
        if (thread.key() != null) {
            threads.putIfAbsent(thread.key(), thread);
        }
    }

    @Override
    public void skipped(String sourceId, String reason) {
        report.countRead();
        report.skipped(sourceId, reason, reason);
        if (sourceId != null) {
            seen.add(sourceId);
        }
    }

    @Override
    public void comment(SourceComment comment) {
        report.countRead();
        String id = comment.sourceId();
        if (id == null) {
            report.skipped(null, "a comment without an id (line " + comment.line() + ")", "no id");
            return;
        }
        if (!seen.add(id)) {
            report.skipped(id, "its id appears again at line " + comment.line() + "; the first one was kept", "id repeated");
            return;
        }
        if (comment.status() == SourceStatus.DELETED) {
            report.skipped(id, "deleted in the source", "deleted in the source");
            deletedParents.put(id, comment.parentSourceId() == null ? "" : comment.parentSourceId());
            release(id);
            return;
        }
        SourceThread thread = comment.threadKey() == null ? null : threads.get(comment.threadKey());
        if (thread == null) {
            report.skipped(id, comment.threadKey() == null ? "it names no thread"
                    : "its thread (" + comment.threadKey() + ") is not in the export", "thread missing");
            return;
        }
        String threadUrl = ThreadUrls.canonical(thread.url()).orElse(null);
        if (threadUrl == null) {
            report.skipped(id, "its thread (" + thread.key() + ") has no usable link: " + thread.url(), "thread without a link");
            return;
        }
        if (comment.body() == null || comment.body().isBlank()) {
            report.skipped(id, "its message is empty", "empty message");
            return;
        }
        Waiting mended = new Waiting(comment, threadUrl, title(thread), name(comment), email(comment),
                authorUrl(comment), address(comment), date(comment), comment.parentSourceId());
        place(mended);
    }

    /** Replies whose parent never came go to the top of their thread. */
    void finish() {
        while (!waitingFor.isEmpty()) {
            String missing = waitingFor.keySet().iterator().next();
            for (Waiting orphan : waitingFor.remove(missing)) {
                report.mended(orphan.source().sourceId(), "replies to " + missing
                        + ", which is not in the export: placed at the top of its thread", "parent missing");
                emit(orphan, null);
            }
        }
    }

    private void place(Waiting comment) {
        String parentId = comment.parentSourceId();
        boolean underDeleted = false;
        while (parentId != null && deletedParents.containsKey(parentId)) {
            underDeleted = true;
            String grandparent = deletedParents.get(parentId);
            parentId = grandparent.isEmpty() ? null : grandparent;
        }
        if (parentId == null) {
            if (underDeleted) {
                report.mended(comment.source().sourceId(), "replies to a deleted comment: placed at the top of its thread",
                        "reply to a deleted comment");
            }
            emit(comment, null);
            return;
        }
        Placed parent = placed.get(parentId);
        if (parent == null) {
            waitingFor.computeIfAbsent(parentId, key -> new ArrayList<>()).add(comment);
            return;
        }
        if (!parent.threadUrl().equals(comment.threadUrl())) {
            report.mended(comment.source().sourceId(), "its parent (" + parentId + ") is in another thread: placed at "
                    + "the top of its own", "parent in another thread");
            emit(comment, null);
            return;
        }
        if (underDeleted) {
            report.mended(comment.source().sourceId(), "replies to a deleted comment: placed under " + parentId
                    + ", the nearest comment above it that is still there", "reply to a deleted comment");
        }
        if (parent.depth() + 1 > maxReplyDepth) {
            Placed ancestor = parent;
            while (ancestor.depth() + 1 > maxReplyDepth) {
                ancestor = ancestor.parent();
            }
            report.mended(comment.source().sourceId(), "nested " + (parent.depth() + 1) + " deep, deeper than the site's "
                    + maxReplyDepth + ": placed at depth " + maxReplyDepth, "nested too deep");
            parent = ancestor;
        }
        emit(comment, parent);
    }

    private void emit(Waiting comment, Placed parent) {
        String sourceId = comment.source().sourceId();
        UUID id = commentId(siteId, format, sourceId);
        String position = parent == null ? ThreadPosition.topLevel(comment.createdAt(), id)
                : ThreadPosition.replyTo(parent.position(), comment.createdAt(), id);
        int depth = parent == null ? 0 : parent.depth() + 1;
        placed.put(sourceId, new Placed(id, comment.threadUrl(), depth, position, parent));
        out.accept(new ImportedComment(id, sourceId, comment.threadUrl(), comment.threadTitle(),
                parent == null ? null : parent.id(), depth, position, comment.name(), comment.email(),
                comment.authorUrl(), comment.address(), comment.createdAt(), comment.source().body(),
                status(comment.source().status())));
        release(sourceId);
    }

    /**
     * Replies that waited for this comment (placed or deleted) are placed now, and theirs after them: a loop, not
     * recursion, so a file with a chain of thousands of replies listed backwards cannot overflow the stack.
     */
    private void release(String sourceId) {
        released.add(sourceId);
        if (releasing) {
            return;
        }
        releasing = true;
        try {
            while (!released.isEmpty()) {
                List<Waiting> children = waitingFor.remove(released.poll());
                if (children != null) {
                    children.forEach(this::place);
                }
            }
        } finally {
            releasing = false;
        }
    }

    private static String status(SourceStatus status) {
        return switch (status) {
            case PUBLISHED -> "published";
            case FLAGGED -> "flagged";
            case HELD -> "held";
            case SPAM -> "spam";
            case REJECTED -> "rejected";
            case DELETED -> throw new IllegalArgumentException("deleted comments are not imported");
        };
    }

    private static String title(SourceThread thread) {
        String title = ExportFields.trimmed(thread.title());
        return title == null ? null : cut(title, MAX_TITLE);
    }

    private String name(SourceComment comment) {
        String name = ExportFields.trimmed(comment.authorName());
        if (name == null) {
            report.mended(comment.sourceId(), "no author name: shown as Anonymous", "no author name");
            return "Anonymous";
        }
        return cut(name.replaceAll("\\s+", " "), MAX_NAME);
    }

    private String email(SourceComment comment) {
        String email = ExportFields.trimmed(comment.authorEmail());
        if (email == null) {
            return null;
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            report.mended(comment.sourceId(), "its author's email is not an address (" + cut(email, 60) + "): left out",
                    "email not an address");
            return null;
        }
        return email.toLowerCase(Locale.ROOT);
    }

    private String authorUrl(SourceComment comment) {
        String url = ExportFields.trimmed(comment.authorUrl());
        if (url == null || url.equals("http://") || url.equals("https://")) {
            return null;
        }
        String canonical = ThreadUrls.canonical(url).orElse(null);
        if (canonical == null) {
            report.mended(comment.sourceId(), "its author's website is not an http(s) address: left out",
                    "website not an address");
        }
        return canonical;
    }

    private static String address(SourceComment comment) {
        String address = ExportFields.trimmed(comment.clientIp());
        return address != null && ADDRESS.matcher(address).matches() ? address : null;
    }

    /** A comment without a date takes the one before it in the file: it was written about then. */
    private Instant date(SourceComment comment) {
        Instant date = comment.createdAt();
        if (date != null) {
            date = date.truncatedTo(ChronoUnit.MICROS);
            lastDate = date;
            return date;
        }
        Instant guess = lastDate != null ? lastDate : started;
        report.mended(comment.sourceId(), "no date: dated " + guess + ", like the comment before it", "no date");
        return guess;
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
