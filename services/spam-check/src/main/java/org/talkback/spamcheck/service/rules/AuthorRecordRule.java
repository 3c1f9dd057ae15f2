package org.talkback.spamcheck.service.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.talkback.spamcheck.repository.AuthorReputation;

/** The author's record on the site: earlier comments decided spam count against them, decided ham for them. */
@ApplicationScoped
public class AuthorRecordRule implements SpamRule {
    static final String KNOWN_SPAMMER = "known-spammer";
    static final String TRUSTED_AUTHOR = "trusted-author";

    @Override
    public Set<String> codes() {
        return Set.of(KNOWN_SPAMMER, TRUSTED_AUTHOR);
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public void apply(Check check, Signals signals) {
        AuthorReputation.Record author = check.history().author();
        // An address is shared (offices, mobile networks): one spam report against it is not enough.
        int spamToDistrust = check.history().authorByAddress() ? 2 : 1;
        if (author.spam() >= spamToDistrust && author.spam() >= author.ham()) {
            signals.add(KNOWN_SPAMMER, Math.min(4.0, 2.0 + author.spam()),
                    "this author's earlier comments were decided spam " + author.spam() + " times, ham " + author.ham());
        } else if (author.ham() > 0 && author.spam() == 0) {
            signals.add(TRUSTED_AUTHOR, -Math.min(3.0, 1.5 * author.ham()),
                    author.ham() + " earlier comments by this author were decided ham, none spam");
        }
    }
}
