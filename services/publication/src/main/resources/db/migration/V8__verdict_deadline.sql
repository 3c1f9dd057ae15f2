-- A comment whose verdict does not come in time is held for the moderators (never published unchecked); this
-- marks it, so that the verdict still applies if it arrives later.
alter table comment add column held_without_verdict boolean not null default false;
create index comment_awaiting_verdict on comment (created_at) where status = 'pending' and verdict_revision = 0;
