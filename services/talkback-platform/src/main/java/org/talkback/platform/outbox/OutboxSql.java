package org.talkback.platform.outbox;

/** Every statement the outbox runs, in one place, so its locking and ordering rules can be read together. */
final class OutboxSql {

    /**
     * The event, one delivery row per subscriber, and the NOTIFY that wakes the relays when the transaction commits
     * (never for a rolled-back one), in one round trip: a data-modifying CTE in the caller's transaction.
     */
    static final String INSERT_EVENT = """
            with event as (
                insert into outbox (id, aggregatetype, aggregateid, type, payload, site)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)
                returning id, seq, aggregateid),
            delivery as (
                insert into outbox_delivery (event_id, destination, seq, aggregateid)
                select event.id, destination, event.seq, event.aggregateid
                  from event, unnest(string_to_array(?7, ',')) as destination
                 where ?7 <> ''
                returning 1)
            select count(*) as deliveries,
                   case when ?7 <> '' then (select count(*) from (select pg_notify(?8, '')) as notify) else 0 end
              from delivery
            """;

    /**
     * Claims one destination's due deliveries with a lease. Only the oldest undelivered event of each comment is
     * claimable, so a comment's events arrive in order and never two at once; a parked event holds back its
     * successors until an admin re-queues it. SKIP LOCKED lets several relays claim side by side.
     */
    static final String CLAIM = """
            update outbox_delivery d
               set lease_owner = ?, lease_until = now() + make_interval(secs => ?), attempts = d.attempts + 1
              from outbox o
             where o.id = d.event_id
               and (d.event_id, d.destination) in (
                   select c.event_id, c.destination
                     from outbox_delivery c
                    where c.delivered_at is null and c.parked_at is null
                      and c.destination = ?
                      and c.next_attempt_at <= now()
                      and (c.lease_until is null or c.lease_until < now())
                      and not exists (
                          select 1 from outbox_delivery p
                           where p.destination = c.destination and p.aggregateid = c.aggregateid
                             and p.seq < c.seq and p.delivered_at is null)
                    order by c.seq
                    limit ?
                    for update of c skip locked)
            returning d.event_id, d.destination, d.attempts, o.type, o.aggregatetype, o.aggregateid,
                      o.timestamp, o.site, o.payload::text, o.tracingspancontext, d.seq
            """;

    static final String MARK_DELIVERED = """
            update outbox_delivery
               set delivered_at = now(), lease_owner = null, lease_until = null, last_error = null
             where event_id = ? and destination = ?
            """;

    /**
     * A failed attempt: back off, and park once the destination has refused the event often enough. Only our own
     * lease is released, so a relay that lost its lease cannot undo another relay's progress.
     */
    static final String MARK_FAILED = """
            update outbox_delivery
               set failures = failures + ?,
                   next_attempt_at = now() + make_interval(secs => ?),
                   last_error = ?,
                   parked_at = case when failures + ? >= ? then now() end,
                   lease_owner = null, lease_until = null
             where event_id = ? and destination = ? and lease_owner = ?
            """;

    static final String LIST_PARKED = """
            select d.event_id, d.destination, o.type, o.aggregateid, o.site, d.attempts, d.failures,
                   d.last_error, d.parked_at
              from outbox_delivery d join outbox o on o.id = d.event_id
             where d.parked_at is not null
             order by d.seq
             limit ?
            """;

    static final String REQUEUE = """
            update outbox_delivery
               set parked_at = null, failures = 0, next_attempt_at = now(), last_error = null
             where event_id = ? and destination = ? and parked_at is not null
            """;

    static final String BACKLOG = """
            select count(*) filter (where d.parked_at is null),
                   coalesce(extract(epoch from now() - min(o.timestamp) filter (where d.parked_at is null)), 0),
                   count(*) filter (where d.parked_at is not null)
              from outbox_delivery d join outbox o on o.id = d.event_id
             where d.delivered_at is null
            """;

    /** Whole events go once every destination has them and the retention has passed; deliveries cascade. */
    static final String DELETE_DELIVERED = """
            delete from outbox where id in (
                select o.id from outbox o
                 where o.timestamp < now() - make_interval(secs => ?)
                   and not exists (select 1 from outbox_delivery d where d.event_id = o.id and d.delivered_at is null)
                 order by o.seq
                 limit ?)
            """;

    static final String DELETE_OLD_INBOX = """
            delete from inbox where event_id in (
                select event_id from inbox where received_at < now() - make_interval(secs => ?) limit ?)
            """;

    private OutboxSql() {
    }
}
