-- The read side: threads in reading order, a per-thread change log for live updates, and sites' origins (CORS).

-- A comment's place in its thread (see ThreadPosition in the platform module), given by intake. Byte order is
-- reading order, hence collate "C"; one index serves both the page query and its keyset cursor.
alter table comment add column thread_position varchar(368);
alter table published_comment add column thread_position varchar(368) collate "C";
with recursive positioned (id, thread_position) as (
    select id, lpad(to_hex((extract(epoch from created_at) * 1000000)::bigint), 13, '0') || replace(id::text, '-', '')
      from comment where parent_id is null and created_at is not null
    union all
    select child.id, parent.thread_position || '/'
               || lpad(to_hex((extract(epoch from child.created_at) * 1000000)::bigint), 13, '0') || replace(child.id::text, '-', '')
      from comment child join positioned parent on child.parent_id = parent.id
)
update comment set thread_position = positioned.thread_position from positioned where comment.id = positioned.id;
update published_comment p set thread_position = coalesce(c.thread_position,
        lpad(to_hex((extract(epoch from p.created_at) * 1000000)::bigint), 13, '0') || replace(p.comment_id::text, '-', ''))
  from comment c where c.id = p.comment_id;
alter table published_comment alter column thread_position set not null;
create index published_comment_reading_order on published_comment (site_id, thread_url, thread_position);
-- Feeds list the newest comments of a thread (the index of V1) or of a whole site.
create index published_comment_site_newest on published_comment (site_id, created_at desc);

-- Every change to what a thread shows bumps the thread's change_seq under the thread row's lock, so within a
-- thread the numbers follow commit order: a live stream that has sent change 41 can ask for "after 41" and
-- miss nothing. The lock is short (the rest of one event's transaction) and only publications take it, never
-- reads. The count of shown comments is kept here under the same lock, so a page and its count are one row.
alter table thread
    add column change_seq      bigint  not null default 0,
    add column published_count integer not null default 0;
update thread t set published_count = (select count(*) from published_comment p
                                        where p.site_id = t.site_id and p.thread_url = t.url);

create table thread_change (
    site_id    varchar(64)   not null,
    thread_url varchar(2048) not null,
    seq        bigint        not null,
    comment_id uuid,
    kind       varchar(16)   not null check (kind in ('shown', 'removed', 'thread')),
    changed_at timestamptz   not null default now(),
    primary key (site_id, thread_url, seq)
);
create index thread_change_age on thread_change (changed_at);

-- Web pages allowed to read a site's comments from the browser (CORS). Issue #6 will set them by SiteConfigured;
-- until then the default site's come from configuration.
alter table site add column allowed_origins text[] not null default '{}';
