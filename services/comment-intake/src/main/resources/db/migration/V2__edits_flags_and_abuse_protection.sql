-- Site rules intake enforces itself. Publication will own site settings and send them as SiteConfigured events;
-- until then these defaults (and configuration, for the default site's origins) are the settings.
alter table site
    add column max_reply_depth        integer not null default 5,
    add column flood_interval_seconds integer not null default 15,
    add column allowed_origins        text[]  not null default '{}';

alter table comment
    add column depth        integer not null default 0,
    add column revision     integer not null default 1,
    add column body_hash    varchar(64),
    add column retracted_at timestamptz;
-- Flood and duplicate checks look at an author's latest comments on a site, by email and by address.
create index comment_author_recent on comment (site_id, author_email, created_at desc) where author_email is not null;
create index comment_address_recent on comment (site_id, client_ip, created_at desc);

-- One report per reader per comment: a reader is known both by address and by the widget's reader id, and
-- either one repeating is the same reader, so each has its own unique index.
create table comment_flag (
    id          uuid primary key,
    comment_id  uuid not null references comment (id),
    reason      varchar(16) not null,
    note        varchar(500),
    client_ip   varchar(64) not null,
    reader_id   varchar(64),
    created_at  timestamptz not null
);
create unique index comment_flag_per_address on comment_flag (comment_id, client_ip);
create unique index comment_flag_per_reader on comment_flag (comment_id, reader_id) where reader_id is not null;

-- A retried POST with the same Idempotency-Key finds its first answer here (kept a day).
create table idempotency_key (
    site_id      varchar(64) not null,
    key          varchar(128) not null,
    request_hash varchar(64) not null,
    comment_id   uuid not null references comment (id),
    created_at   timestamptz not null default now(),
    primary key (site_id, key)
);
create index idempotency_key_age on idempotency_key (created_at);

-- "You have already said that": the same body twice in a thread.
create index comment_thread_body on comment (thread_id, body_hash);
