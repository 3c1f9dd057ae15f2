package org.talkback.spamcheck.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.talkback.platform.events.EventEnvelope;
import org.talkback.platform.events.EventType;
import org.talkback.platform.inbox.EventConsumer;
import org.talkback.platform.inbox.EventPayloads;
import org.talkback.spamcheck.service.CheckService;

/**
 * Imported comments teach the site's filter as moderators' decisions do: a newsroom's years of moderation in
 * its old system are the best examples it has. Spam is learned as spam, what was published as ham (and both
 * count in the authors' reputations); comments still waiting for a moderator there teach nothing.
 */
@ApplicationScoped
public class CommentsImportedConsumer implements EventConsumer {

    /** spam-check's own copy of the fields it reads from publication's event. */
    record CommentsImported(String format, List<Imported> comments) {
    }

    record Imported(String authorEmail, String authorUrl, String clientIp, String body, String status) {
    }

    private final EventPayloads payloads;
    private final CheckService checks;

    public CommentsImportedConsumer(EventPayloads payloads, CheckService checks) {
        this.payloads = payloads;
        this.checks = checks;
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.COMMENTS_IMPORTED);
    }

    @Override
    public void consume(EventEnvelope event) {
        CommentsImported imported = payloads.read(event, CommentsImported.class);
        String source = "import:" + (imported.format() == null ? "unknown" : imported.format());
        List<CheckService.Example> examples = new ArrayList<>();
        for (Imported comment : imported.comments()) {
            boolean spam = "spam".equals(comment.status());
            if (spam || "published".equals(comment.status()) || "flagged".equals(comment.status())) {
                examples.add(new CheckService.Example(comment.body(), comment.authorUrl(), comment.authorEmail(),
                        comment.clientIp(), spam));
            }
        }
        checks.learnAll(event.site(), examples, source);
    }
}
