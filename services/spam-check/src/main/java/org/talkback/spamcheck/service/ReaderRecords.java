package org.talkback.spamcheck.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.talkback.spamcheck.repository.AuthorRecords;

/** What spam-check keeps about one person, for a reader's data request (publication asks; see InternalAuthorResource). */
@ApplicationScoped
public class ReaderRecords {
    private final AuthorRecords records;

    public ReaderRecords(AuthorRecords records) {
        this.records = records;
    }

    /** The person's checks and their reputation rows. */
    @Transactional
    public Map<String, Object> find(String siteId, UUID[] commentIds, String email) {
        List<AuthorRecords.CheckRecord> checks = records.checks(siteId, commentIds, email);
        return Map.of("checks", checks, "reputation", records.reputation(siteId, records.reputationKeys(email, checks)));
    }
}
