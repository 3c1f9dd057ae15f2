package org.talkback.platform.outbox;

/** Every statement the outbox runs, in one place, so its locking and ordering rules can be read together. */
final class OutboxSql {

    /**
     * Every event a transaction published and their delivery rows (one per consumer, from the type's routing), in
     * one statement run just before the commit: a batch of a hundred events costs one round trip, not a hundred.
     * The events come as one array per column, in the order they were published, which their sequence numbers
     * keep. Answers the destinations written, for the wake-up after the commit (Outbox).
     */
    static final String INSERT_EVENTS = """
            with given as (
                select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       with ordinality as e (id, aggregatetype, aggregateid, type, payload, site, position)),
            event as (
                insert into outbox (id, aggregatetype, aggregateid, type, payload, site)
                select id, aggregatetype, aggregateid, type, payload::jsonb, site from given order by position
                returning id, seq, aggregateid, type),
            delivery as (
                insert into outbox_delivery (event_id, destination, seq, aggregateid)
                select event.id, route.destination, event.seq, event.aggregateid
                  from event join unnest(?::text[], ?::text[]) as route (type, destination) on route.type = event.type
                returning destination)
            select string_agg(distinct destination, ',') from delivery
            """;

    /**
     * Only from an instance whose relay is off: wakes the relays of the others when the transaction commits (never
     * for a rolled-back one), its payload naming the destinations. An instance that relays rings its own loops
     * after the commit instead, because PostgreSQL serializes the commits of every transaction that notified: a
     * lock on "database 0" (so one for the whole server, all three services' databases when they share one), taken
     * before the commit record is written and held until it is on disk (PreCommit_Notify in
     * src/backend/commands/async.c), which made every comment's commit wait for the one before it.
     */
    static final String NOTIFY_RELAYS = """
            select pg_notify(?, ?)
            """;

    /**
     * Claims one destination's due deliveries by locking them, in the relay's transaction (OutboxRelay.relayBatch).
     * Only the oldest undelivered event of each comment is claimable, so a comment's events arrive in order and
     * never two at once (a locked predecessor still counts); a parked event holds back its successors until an
     * admin re-queues it. SKIP LOCKED lets several relays claim side by side.
     *
     * <p>The shape is chosen so that the plan does not depend on statistics: the oldest-of-its-comment test is a
     * correlated subquery (always one probe of the per-aggregate index), and the events are joined to at most a
     * batch of claims. As an anti-join, a freshly started service whose tables had never been analysed scanned
     * every pending delivery once per candidate: 30 ms a claim with a thousand waiting, where it takes 0.3 ms now.
     *
     * <p>The test reads {@code <=}, not {@code =}: the same thing (a delivery is never older than its comment's
     * oldest), but PostgreSQL estimates an equality with a subquery on a unique column as one row in the whole
     * table, and once statistics showed a few thousand pending it tested every pending delivery and sorted them
     * instead of walking the index and stopping after a batch. A backlog of 20,000 made each claim take 0.1-1 s
     * and the drain slowed as its queue grew; against an inequality it estimates a third and keeps the walk
     * (OutboxClaimTest).
     */
    static final String CLAIM = """
            with claimed as (
                select c.event_id, c.destination, c.attempts, c.seq
                  from outbox_delivery c
                 where c.parked_at is null
                   and c.destination = ?
                   and c.next_attempt_at <= now()
                   and c.seq <= (select min(p.seq) from outbox_delivery p
                                 where p.destination = c.destination and p.aggregateid = c.aggregateid)
                 order by c.seq
                 limit ?
                 for update of c skip locked)
            select k.event_id, k.destination, k.attempts, o.type, o.aggregatetype, o.aggregateid,
                   o.timestamp, o.site, o.payload::text, o.tracingspancontext, k.seq
              from claimed k join outbox o on o.id = k.event_id
            """;

    /**
     * For the relay's transaction only: the database ends it if the relay goes silent for longer, and whether its
     * commit waits for the WAL to reach the disk (if it does not, a lost commit means a redelivery, which the inbox
     * absorbs; see OutboxConfig#relayCommitWaits).
     */
    static final String RELAY_TRANSACTION = """
            select set_config('idle_in_transaction_session_timeout', ?, true), set_config('synchronous_commit', ?, true)
            """;

    /**
     * A destination has these events: their delivery rows go at once (the events stay for the retention, for
     * debugging), so the claims and the per-aggregate checks read a table of only what is still to deliver.
     */
    static final String MARK_DELIVERED = """
            delete from outbox_delivery where destination = ? and event_id = any (?)
            """;

    /**
     * The events a destination refused in one round: each backs off by its own delay (jittered, from its attempts)
     * and parks once refused often enough, in one statement for the whole batch. An unreachable destination writes
     * nothing here: an outage is the destination's, not its events' (DestinationPauses), and writing a row per
     * event per probe made a growing backlog ever costlier to probe.
     */
    static final String MARK_REFUSED = """
            update outbox_delivery d
               set attempts = d.attempts + 1,
                   failures = d.failures + 1,
                   next_attempt_at = now() + make_interval(secs => r.delay),
                   last_error = r.error,
                   parked_at = case when d.failures + 1 >= ? then now() end
              from unnest(?::uuid[], ?::float8[], ?::text[]) as r (event_id, delay, error)
             where d.destination = ? and d.event_id = r.event_id
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
            """;

    /** Whole events go once every destination has them (no delivery row is left) and the retention has passed. */
    static final String DELETE_DELIVERED = """
            delete from outbox where id in (
                select o.id from outbox o
                 where o.timestamp < now() - make_interval(secs => ?)
                   and not exists (select 1 from outbox_delivery d where d.event_id = o.id)
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
