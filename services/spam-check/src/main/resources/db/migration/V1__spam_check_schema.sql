-- spam-check owns each site's filter settings and every verdict it gave, with the reasons.
create table site (
    id                varchar(64) primary key,
    links_before_hold integer not null default 2,
    blocked_words     text[] not null default '{}',
    moderation_words  text[] not null default '{}',
    created_at        timestamptz not null default now()
);
-- A fresh install blocks the words spammers have used for decades; each newsroom edits its own list.
insert into site (id, blocked_words) values
    ('default', array['viagra', 'cialis', 'casino bonus', 'payday loan', 'replica watches', 'crypto giveaway']);

create table spam_check (
    id           uuid primary key,
    site_id      varchar(64) not null references site (id),
    comment_id   uuid,
    verdict      varchar(16) not null,
    score        double precision not null,
    discard      boolean not null default false,
    reasons      jsonb not null,
    created_at   timestamptz not null default now()
);
create index spam_check_comment on spam_check (comment_id);
