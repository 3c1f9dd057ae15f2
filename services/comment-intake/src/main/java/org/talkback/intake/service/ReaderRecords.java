package org.talkback.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.talkback.intake.repository.AuthorRecords;

/** What intake keeps about one person, for a reader's data request (publication asks; see InternalAuthorResource). */
@ApplicationScoped
public class ReaderRecords {
    private final AuthorRecords records;

    public ReaderRecords(AuthorRecords records) {
        this.records = records;
    }

    /** The person's comments and, for an author known by name and address, the reports made from there. */
    @Transactional
    public Map<String, Object> find(String siteId, UUID[] commentIds, String email, String name, String address) {
        return Map.of(
                "comments", records.comments(siteId, commentIds, email, name, address),
                "flags", records.flags(siteId, email, address));
    }
}
