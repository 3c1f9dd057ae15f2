package org.talkback.spamcheck.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/** How often each rule fired on a site, and how often moderators later agreed with the way it pushed. */
@ApplicationScoped
public class RuleStatistics {

    public record RuleRecord(String code, long fired, long decided, long agreed) {
    }

    private final EntityManager entityManager;

    public RuleStatistics(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Per rule code over the last days: checks in which it fired (weight not 0, or reported in shadow mode), of
     * those how many a moderator labelled, and how many labels went the rule's way (spam for a positive weight,
     * ham for a negative one; a shadow rule's way is read from its detail). The latest label of a check counts.
     */
    public List<RuleRecord> since(String siteId, int days) {
        List<?> rows = entityManager.createNativeQuery("""
                select r.code,
                       count(*),
                       count(l.label),
                       count(*) filter (where l.label = case
                           when r.weight > 0 or r.detail like 'shadow mode, not counted (would add %' and
                                r.detail not like 'shadow mode, not counted (would add -%' then 'spam'
                           else 'ham' end)
                  from spam_check c
                 cross join lateral jsonb_to_recordset(c.reasons) as r(code text, weight double precision, detail text)
                  left join lateral (select m.label from moderator_label m where m.check_id = c.id
                                      order by m.decided_at desc limit 1) l on true
                 where c.site_id = ?1 and c.created_at > now() - make_interval(days => ?2)
                   and (r.weight <> 0 or r.detail like 'shadow mode%')
                 group by r.code
                 order by count(*) desc, r.code
                """)
                .setParameter(1, siteId)
                .setParameter(2, days)
                .getResultList();
        return rows.stream().map(row -> (Object[]) row).map(row -> new RuleRecord((String) row[0],
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[3]).longValue())).toList();
    }
}
