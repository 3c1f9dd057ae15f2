-- publication owns what is shown: each comment's moderation state, and the read model widgets query.
create table site (
    id              varchar(64) primary key,
    moderation_mode varchar(16) not null default 'post' check (moderation_mode in ('post', 'pre', 'first-time')),
    created_at      timestamptz not null default now()
);
insert into site (id) values ('default');

create table thread (
    site_id         varchar(64) not null references site (id),
    url             varchar(2048) not null,
    title           varchar(300),
    state           varchar(16) not null default 'open',
    created_at      timestamptz not null default now(),
    primary key (site_id, url)
);

-- The moderation record. The comment's text (from intake) and its verdict (from spam-check) arrive as separate
-- events in either order; the row is created by whichever comes first and decided once both are here.
create table comment (
    id           uuid primary key,
    site_id      varchar(64) not null references site (id),
    thread_url   varchar(2048),
    parent_id    uuid,
    author_name  varchar(100),
    author_email varchar(254),
    author_url   varchar(2048),
    body         text,
    created_at   timestamptz,
    status       varchar(16) not null default 'pending',
    verdict      varchar(16),
    score        double precision,
    discard      boolean,
    reasons      jsonb,
    check_id     uuid,
    version      integer not null default 1,
    decided_at   timestamptz
);
create index comment_queue on comment (site_id, status, created_at, id);
create index comment_author on comment (site_id, lower(author_email), status);

-- The read model: one row per published comment, shaped for the thread query so a page view never joins.
-- Thread counts are counted from it (an index-only scan) rather than kept in a counter on the thread row: a
-- counter would be one hot row that every publication in a busy thread has to lock.
create table published_comment (
    comment_id  uuid primary key,
    site_id     varchar(64) not null,
    thread_url  varchar(2048) not null,
    parent_id   uuid,
    author_name varchar(100) not null,
    author_url  varchar(2048),
    body_html   text not null,
    created_at  timestamptz not null,
    edited_at   timestamptz
);
create index published_comment_thread on published_comment (site_id, thread_url, created_at, comment_id);
