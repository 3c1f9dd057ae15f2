-- A delivery row now lives only until its destination has the event: the relay claims it by locking it in the
-- transaction that delivers it, and deletes it once delivered (OutboxRelay). Leases and delivered_at are gone,
-- and with them an update of every row per attempt.
delete from outbox_delivery where delivered_at is not null;
drop index outbox_delivery_due;
drop index outbox_delivery_per_aggregate;
alter table outbox_delivery drop column delivered_at, drop column lease_owner, drop column lease_until;
create index outbox_delivery_due on outbox_delivery (destination, seq) where parked_at is null;
create index outbox_delivery_per_aggregate on outbox_delivery (destination, aggregateid, seq);

-- These tables are queues: rows come and go by the thousand a minute while few are alive at any moment. With the
-- default thresholds (a fifth of the table) autovacuum and autoanalyze would wait for tens of thousands of dead
-- rows, which every claim then wades through, and the planner would keep the statistics of an empty table.
alter table outbox_delivery set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000, autovacuum_vacuum_cost_delay = 0);
alter table outbox set (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05);
alter table inbox set (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05);
