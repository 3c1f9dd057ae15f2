-- comment-intake owns what readers wrote and the credentials to change it.
create table site (
    id                  varchar(64) primary key,
    require_email       boolean not null default false,
    edit_window_seconds integer not null default 900,
    created_at          timestamptz not null default now()
);
insert into site (id) values ('default');

create table thread (
    id         uuid primary key,
    site_id    varchar(64) not null references site (id),
    url        varchar(2048) not null,
    title      varchar(300),
    state      varchar(16) not null default 'open',
    created_at timestamptz not null default now(),
    unique (site_id, url)
);

create table comment (
    id              uuid primary key,
    thread_id       uuid not null references thread (id),
    site_id         varchar(64) not null references site (id),
    parent_id       uuid references comment (id),
    author_name     varchar(100) not null,
    author_email    varchar(254),
    author_url      varchar(2048),
    body            text not null,
    status          varchar(16) not null,
    edit_token_hash varchar(64) not null,
    client_ip       varchar(64),
    user_agent      varchar(512),
    referrer        varchar(2048),
    created_at      timestamptz not null,
    editable_until  timestamptz not null,
    edited_at       timestamptz
);
create index comment_thread on comment (thread_id, created_at);
