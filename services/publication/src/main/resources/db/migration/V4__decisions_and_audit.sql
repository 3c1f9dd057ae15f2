-- Every change of a comment's status, by whom and why: moderators' decisions, and the automatic ones (the site's
-- policy on spam-check's verdict, an author's edit or deletion, readers' reports), so a comment's whole history
-- can be read in one place. Append-only: the trigger refuses updates and deletes, whoever asks.
create table moderation_audit (
    id          bigint generated always as identity primary key,
    site_id     varchar(64)  not null,
    comment_id  uuid,
    thread_url  varchar(2048),
    actor       varchar(100) not null,
    action      varchar(32)  not null,
    from_status varchar(16),
    to_status   varchar(16),
    reason      varchar(500),
    at          timestamptz  not null default now()
);
create index moderation_audit_comment on moderation_audit (comment_id, id);
create index moderation_audit_site on moderation_audit (site_id, id);

create function moderation_audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the moderation audit log is append-only';
end
$$;
create trigger moderation_audit_append_only before update or delete on moderation_audit
    for each row execute function moderation_audit_refuse_change();

-- Readers' reports, shown with the comment in the moderation queue (intake keeps who sent them).
create table reader_flag (
    flag_id    uuid primary key,
    comment_id uuid not null,
    reason     varchar(16) not null,
    flagged_at timestamptz not null
);
create index reader_flag_comment on reader_flag (comment_id);

-- The queue filtered by thread.
create index comment_queue_thread on comment (site_id, thread_url, status, created_at, id);
