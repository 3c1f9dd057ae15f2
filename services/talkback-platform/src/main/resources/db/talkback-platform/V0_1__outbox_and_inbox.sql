-- Shared by every service, applied in each service's own database.
-- The outbox keeps Debezium's outbox column names (id, aggregatetype, aggregateid, type, payload, timestamp,
-- tracingspancontext) so that a deployment can switch to Debezium + Kafka without touching the producers.
create table outbox (
    id                 uuid primary key,
    seq                bigserial not null unique,
    aggregatetype      varchar(64) not null,
    aggregateid        varchar(128) not null,
    type               varchar(64) not null,
    payload            jsonb not null,
    timestamp          timestamptz not null default now(),
    tracingspancontext varchar(256),
    site               varchar(64)
);

-- One row per event and subscribing service: REST delivery needs per-destination progress, which Debezium
-- keeps in Kafka offsets instead. seq and aggregateid are copied here so that claiming reads one table.
create table outbox_delivery (
    event_id        uuid not null references outbox (id) on delete cascade,
    destination     varchar(64) not null,
    seq             bigint not null,
    aggregateid     varchar(128) not null,
    attempts        integer not null default 0,
    failures        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_owner     varchar(64),
    lease_until     timestamptz,
    delivered_at    timestamptz,
    parked_at       timestamptz,
    last_error      varchar(1000),
    primary key (event_id, destination)
);
create index outbox_delivery_due on outbox_delivery (seq) where delivered_at is null and parked_at is null;
create index outbox_delivery_per_aggregate on outbox_delivery (destination, aggregateid, seq) where delivered_at is null;

-- Events this service has applied; the primary key makes a redelivery a no-op.
create table inbox (
    event_id    uuid primary key,
    type        varchar(64) not null,
    received_at timestamptz not null default now()
);
create index inbox_received_at on inbox (received_at);
