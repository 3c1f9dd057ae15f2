package org.talkback.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.talkback.intake.model.Comment;
import org.talkback.platform.net.IpAddresses;

@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<Comment, UUID> {

    /** Whether an active ban of the site (as publication last sent them) covers this author or address. */
    public boolean banned(String siteId, String email, String authorName, String clientIp) {
        return !getEntityManager().createNativeQuery("""
                select 1 from site_ban where site_id = ?1 and (expires_at is null or expires_at > now())
                   and ((kind = 'email' and value = lower(?2))
                     or (kind = 'author' and value = lower(?3))
                     or (kind = 'address' and cast(?4 as inet) <<= address))
                 limit 1
                """)
                .setParameter(1, siteId)
                .setParameter(2, email == null ? "" : email)
                .setParameter(3, authorName == null ? "" : authorName)
                // Not an address literal: compare as 0.0.0.0/32, which no ban may cover (ranges stop at /8).
                .setParameter(4, IpAddresses.literal(clientIp).orElse("0.0.0.0"))
                .getResultList().isEmpty();
    }
}
