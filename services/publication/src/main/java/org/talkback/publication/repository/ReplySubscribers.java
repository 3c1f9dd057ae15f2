package org.talkback.publication.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Addresses that asked to hear of replies on a site (table reply_subscriber), kept lower-case: pending until the
 * owner confirms, then confirmed until they unsubscribe. Also what the confirmation mails' rate limits count.
 */
@ApplicationScoped
public class ReplySubscribers {
    public static final String PENDING = "pending";
    public static final String CONFIRMED = "confirmed";
    public static final String UNSUBSCRIBED = "unsubscribed";

    private final EntityManager entityManager;

    public ReplySubscribers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The address's state on the site, if it ever asked. */
    @SuppressWarnings("unchecked")
    public Optional<String> state(String siteId, String email) {
        List<String> rows = entityManager.createNativeQuery(
                "select state from reply_subscriber where site_id = ?1 and email = ?2")
                .setParameter(1, siteId).setParameter(2, email).getResultList();
        return rows.stream().findFirst();
    }

    /**
     * Records that a confirmation mail goes to the address (pending again after an unsubscribe): true unless the
     * address already had {@code perDay} of them in the last day, or the client asked for {@code perClientHour}
     * in the last hour, in which case nothing changes and no mail should go.
     */
    public boolean confirmationAllowed(String siteId, String email, String clientIp, int perDay, int perClientHour) {
        if (clientIp != null) {
            Number fromClient = (Number) entityManager.createNativeQuery("""
                    select count(*) from reply_subscriber where last_client_ip = ?1
                       and confirmation_sent_at > now() - interval '1 hour'""").setParameter(1, clientIp)
                    .getSingleResult();
            if (fromClient.intValue() >= perClientHour) {
                return false;
            }
        }
        return entityManager.createNativeQuery("""
                insert into reply_subscriber as s (site_id, email, state, confirmation_sent_at, confirmations_sent, last_client_ip)
                values (?1, ?2, 'pending', now(), 1, ?3)
                on conflict (site_id, email) do update
                   set state = 'pending', last_client_ip = excluded.last_client_ip, changed_at = now(),
                       confirmation_sent_at = now(),
                       confirmations_sent = case when s.confirmation_sent_at > now() - interval '1 day'
                                                 then s.confirmations_sent + 1 else 1 end
                 where s.state <> 'confirmed'
                   and (s.confirmation_sent_at is null or s.confirmation_sent_at <= now() - interval '1 day'
                        or s.confirmations_sent < ?4)""")
                .setParameter(1, siteId).setParameter(2, email).setParameter(3, clientIp).setParameter(4, perDay)
                .executeUpdate() > 0;
    }

    /** What mail keeps about an address on a site: its reply subscription, and mails waiting for or sent to it. */
    public Map<String, Object> describe(String siteId, String email) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("replySubscription", state(siteId, email).orElse(null));
        kept.put("mails", ((Number) entityManager.createNativeQuery(
                "select count(*) from mail_message where recipient = ?1").setParameter(1, email).getSingleResult()).longValue());
        kept.put("waitingNotices", ((Number) entityManager.createNativeQuery(
                "select count(*) from mail_notice where recipient = ?1 and site_id = ?2").setParameter(1, email)
                .setParameter(2, siteId).getSingleResult()).longValue());
        return kept;
    }

    /**
     * Forgets the address (a reader's erasure): the subscription, the site's waiting notices and links, and every
     * mail to it, sent or not (the mail log is not per site; a mail not yet sent is then never sent).
     */
    public void forget(String siteId, String email) {
        entityManager.createNativeQuery("delete from reply_subscriber where site_id = ?1 and email = ?2")
                .setParameter(1, siteId).setParameter(2, email).executeUpdate();
        entityManager.createNativeQuery("delete from mail_notice where site_id = ?1 and recipient = ?2")
                .setParameter(1, siteId).setParameter(2, email).executeUpdate();
        entityManager.createNativeQuery("delete from mail_link where site_id = ?1 and email = ?2")
                .setParameter(1, siteId).setParameter(2, email).executeUpdate();
        entityManager.createNativeQuery("delete from mail_message where lower(recipient) = ?1")
                .setParameter(1, email).executeUpdate();
    }

    public void setState(String siteId, String email, String state) {
        entityManager.createNativeQuery("""
                update reply_subscriber set state = ?3, changed_at = now() where site_id = ?1 and email = ?2""")
                .setParameter(1, siteId).setParameter(2, email).setParameter(3, state).executeUpdate();
    }
}
