-- A site's webhook (Slack-style alerts when the queue receives a comment), and the deliveries waiting to go out:
-- written in the transaction that puts the comment in the queue, so an alert is never lost and never sent for a
-- change that rolled back; sent by WebhookRelay with retries, parked after too many failures.
alter table site
    add column webhook_url    varchar(2048),
    add column webhook_secret varchar(128);

create table webhook_delivery (
    id              uuid primary key,
    site_id         varchar(64)  not null,
    url             varchar(2048) not null,
    payload         text         not null,
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    delivered_at    timestamptz,
    parked_at       timestamptz,
    last_error      varchar(500)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where delivered_at is null and parked_at is null;
