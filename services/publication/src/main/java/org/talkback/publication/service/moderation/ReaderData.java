package org.talkback.publication.service.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.talkback.platform.events.EventType;
import org.talkback.platform.outbox.Outbox;
import org.talkback.platform.problem.Problem.FieldError;
import org.talkback.platform.problem.ProblemException;
import org.talkback.platform.queries.ServiceQueries;
import org.talkback.publication.events.AuthorErased;
import org.talkback.publication.model.Ban;
import org.talkback.publication.repository.AuthorRecords;
import org.talkback.publication.repository.AuthorRecords.Person;
import org.talkback.publication.repository.BanRepository;
import org.talkback.publication.repository.ReplySubscribers;
import org.talkback.publication.service.sites.SiteAdministration;
import org.talkback.publication.service.sites.SiteDirectory;

/**
 * A reader's data request: everything the three services keep about one person, and its erasure. Publication
 * answers for itself and asks intake and spam-check directly (signed queries: an admin waits for the answer); an
 * erasure is publication's own change and an {@link AuthorErased} event, committed together, so intake and
 * spam-check erase theirs even if they are down at the moment.
 */
@ApplicationScoped
public class ReaderData {
    /** What an erased author's comments show instead of their name. */
    public static final String PLACEHOLDER = "(erased)";

    private final AuthorRecords records;
    private final BanRepository bans;
    private final PublicationService publication;
    private final Outbox outbox;
    private final ServiceQueries services;
    private final SiteDirectory sites;
    private final SiteAdministration siteAdministration;
    private final ReplySubscribers subscribers;

    public ReaderData(AuthorRecords records, BanRepository bans, PublicationService publication, Outbox outbox,
            ServiceQueries services, SiteDirectory sites, SiteAdministration siteAdministration,
            ReplySubscribers subscribers) {
        this.subscribers = subscribers;
        this.records = records;
        this.bans = bans;
        this.publication = publication;
        this.outbox = outbox;
        this.services = services;
        this.sites = sites;
        this.siteAdministration = siteAdministration;
    }

    /** The person as the admin named them: an email, or a name and an address; 400 otherwise. */
    public Person person(String siteId, String email, String name, String address) {
        if (!sites.exists(siteId)) {
            throw SiteDirectory.unknown(siteId);
        }
        Person person = new Person(email, name, address);
        if (person.email().isEmpty() && (person.name().isEmpty() || person.address().isEmpty())) {
            throw ProblemException.invalid(List.of(new FieldError("email",
                    "give the author's email, or (for an author who gave none) their name and address")));
        }
        return person;
    }

    @Transactional
    public Map<String, Object> find(String siteId, Person person) {
        List<AuthorRecords.CommentRecord> comments = records.comments(siteId, person);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("site", siteId);
        answer.put("author", person);
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("comments", comments);
        own.put("bans", records.bans(siteId, person, bans));
        if (!person.email().isEmpty()) {
            own.put("mail", subscribers.describe(siteId, person.email().toLowerCase(Locale.ROOT)));
        }
        answer.put("publication", own);
        Map<String, Object> question = question(siteId, person, comments.stream().map(AuthorRecords.CommentRecord::id).toList());
        answer.put("commentIntake", services.post(EventType.Services.COMMENT_INTAKE, "/internal/authors", question));
        answer.put("spamCheck", services.post(EventType.Services.SPAM_CHECK, "/internal/authors", question));
        return answer;
    }

    /** Erases the person's data here and, by event, in intake and spam-check. */
    @Transactional
    public Map<String, Object> erase(String siteId, Person person, boolean remove, String admin) {
        List<UUID> ids = records.comments(siteId, person).stream().map(AuthorRecords.CommentRecord::id).toList();
        records.anonymise(ids, PLACEHOLDER);
        if (!person.email().isEmpty()) {
            subscribers.forget(siteId, person.email().toLowerCase(Locale.ROOT));
        }
        publication.erased(siteId, ids, remove, admin);
        List<Ban> named = records.bans(siteId, person, bans);
        named.forEach(ban -> bans.erase(ban.id(), PLACEHOLDER));
        if (!named.isEmpty()) {
            siteAdministration.announce(siteId); // intake and spam-check keep copies of the bans
        }
        UUID erasureId = UUID.randomUUID();
        outbox.publish(siteId, new AuthorErased(erasureId, emptyToNull(person.email()), emptyToNull(person.name()),
                emptyToNull(person.address()), ids, remove, PLACEHOLDER));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("erasureId", erasureId);
        answer.put("comments", ids.size());
        answer.put("removed", remove);
        answer.put("bansErased", named.size());
        return answer;
    }

    private Map<String, Object> question(String siteId, Person person, List<UUID> commentIds) {
        Map<String, Object> question = new LinkedHashMap<>();
        question.put("site", siteId);
        question.put("email", emptyToNull(person.email()));
        question.put("name", emptyToNull(person.name()));
        question.put("address", emptyToNull(person.address()));
        question.put("commentIds", commentIds);
        return question;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
