-- Each comment's place in its thread (see ThreadPosition in the platform module): the parent's position followed
-- by the comment's own (creation time in microseconds, 13 hex digits; its id, 32 hex digits). Publication pages
-- threads by it, so it travels in CommentSubmitted.
alter table comment add column thread_position varchar(368);

with recursive positioned (id, thread_position) as (
    select id, lpad(to_hex((extract(epoch from created_at) * 1000000)::bigint), 13, '0') || replace(id::text, '-', '')
      from comment where parent_id is null
    union all
    select child.id, parent.thread_position || '/'
               || lpad(to_hex((extract(epoch from child.created_at) * 1000000)::bigint), 13, '0') || replace(child.id::text, '-', '')
      from comment child join positioned parent on child.parent_id = parent.id
)
update comment set thread_position = positioned.thread_position from positioned where comment.id = positioned.id;
