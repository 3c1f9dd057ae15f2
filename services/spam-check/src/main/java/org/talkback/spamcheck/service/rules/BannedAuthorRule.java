package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.talkback.platform.bans.AuthorBan;

/**
 * An author the site's moderators banned (by email, name or address range; publication owns the bans and sends
 * them with SiteConfigured). For an API client (an Akismet plugin has no moderation of its own downstream) it makes
 * the comment spam. In the comment pipeline publication applies the ban itself (holds the comment, or intake refuses
 * it), so here it is only reported, for the moderators reading the reasons.
 */
@ApplicationScoped
public class BannedAuthorRule implements SpamRule {
    static final String CODE = "banned-author";

    @Override
    public Set<String> codes() {
        return Set.of(CODE);
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void apply(Check check, Signals signals) {
        List<AuthorBan> bans = check.site().bans;
        if (bans == null || bans.isEmpty()) {
            return;
        }
        AuthorBan.firstCovering(bans, check.comment().authorEmail(), check.comment().authorName(),
                check.comment().clientIp(), Instant.now()).ifPresent(ban -> {
                    String whom = "banned by the site's moderators (" + ban.kind() + " " + ban.value() + ")";
                    if (check.forApiClient()) {
                        signals.add(CODE, 6.0, whom);
                    } else {
                        signals.add(CODE, 0, whom + "; publication holds their comments");
                    }
                });
    }
}
