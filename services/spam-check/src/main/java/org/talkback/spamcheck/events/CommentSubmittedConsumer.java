package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.BatchEventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.spamcheck.service.CheckService;
import org.talkback.spamcheck.service.CommentToCheck;

/**
 * Every new comment and every edit is judged once; the inbox makes a redelivered event a no-op, not a second
 * verdict. An edit is judged like a new comment: spammers post something clean and edit the links in later.
 */
@ApplicationScoped
public class CommentSubmittedConsumer implements BatchEventConsumer {

    private final CheckService checks;
    private final EventPayloads payloads;

    public CommentSubmittedConsumer(CheckService checks, EventPayloads payloads) {
        this.checks = checks;
        this.payloads = payloads;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.COMMENT_SUBMITTED, EventType.COMMENT_EDITED);
    }

    @Override
    public void consumeAll(List<EventEnvelope> events) {
        List<CommentToCheck> comments = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            CommentSubmitted submitted = payloads.read(event, CommentSubmitted.class);
            CommentSubmitted.Author author = submitted.author();
            CommentSubmitted.Signals signals = submitted.signals();
            comments.add(new CommentToCheck(event.site(), submitted.commentId(), Math.max(1, submitted.revision()),
                    submitted.body(), author == null ? null : author.name(), author == null ? null : author.email(),
                    author == null ? null : author.url(), submitted.clientIp(),
                    signals != null && signals.honeypotFilled(), signals == null ? null : signals.secondsToSubmit()));
        }
        checks.classifySubmitted(comments);
    }
}
