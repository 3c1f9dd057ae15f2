package org.talkback.publication.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.talkback.publication.model.Ban;

/**
 * What publication keeps about one person, found by their email or, for authors who gave none, by name and
 * address (table comment and ban): for a reader's data request and its erasure.
 */
@ApplicationScoped
public class AuthorRecords {
    private static final String MATCH = """
            site_id = :site and (lower(author_email) = lower(:email)
                 or (:email = '' and author_email is null and author_name = :name and client_ip = :address))""";

    private final EntityManager entityManager;

    public AuthorRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The person: an email, or a name and an address; blank parts are empty strings, never null. */
    public record Person(String email, String name, String address) {
        public Person {
            email = email == null ? "" : email.strip();
            name = name == null ? "" : name.strip();
            address = address == null ? "" : address.strip();
        }
    }

    public record CommentRecord(UUID id, String threadUrl, UUID parentId, String authorName, String authorEmail,
            String authorUrl, String clientIp, Instant createdAt, String status, String body, int flags) {
    }

    public List<CommentRecord> comments(String siteId, Person person) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, thread_url, parent_id, author_name, author_email, author_url, client_ip, created_at, status,
                       body, flag_count
                  from comment where body is not null and\s""" + MATCH + " order by created_at")
                .setParameter("site", siteId).setParameter("email", person.email())
                .setParameter("name", person.name()).setParameter("address", person.address())
                .getResultList();
        return rows.stream().map(row -> new CommentRecord((UUID) row[0], (String) row[1], (UUID) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], SqlValues.instant(row[7]),
                (String) row[8], (String) row[9], ((Number) row[10]).intValue())).toList();
    }

    /**
     * Bans naming the person, by email or (for an author without one) by name, lifted or not. Address bans are
     * left out: a range is about a network, not a person.
     */
    public List<Ban> bans(String siteId, Person person, BanRepository bans) {
        return bans.naming(siteId, person.email().isEmpty() ? Map.of("author", person.name()) : Map.of("email", person.email()));
    }

    /** Publication's copy of the comments, anonymised: the name becomes the placeholder, the rest goes. */
    public void anonymise(List<UUID> commentIds, String placeholder) {
        entityManager.createNativeQuery("""
                update comment set author_name = ?2, author_email = null, author_url = null, client_ip = null
                 where id = any(?1)""").setParameter(1, commentIds.toArray(UUID[]::new)).setParameter(2, placeholder)
                .executeUpdate();
        entityManager.createNativeQuery("""
                update published_comment set author_name = ?2, author_url = null where comment_id = any(?1)""")
                .setParameter(1, commentIds.toArray(UUID[]::new)).setParameter(2, placeholder).executeUpdate();
    }
}
