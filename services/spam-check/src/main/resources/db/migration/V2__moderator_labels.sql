-- What moderators later said about a comment spam-check judged: the ground truth that per-rule statistics and
-- the learning classifier (issue #4) are built on. One row per decision, kept even when a later one disagrees.
create table moderator_label (
    id          uuid primary key,
    site_id     varchar(64) not null,
    comment_id  uuid not null,
    check_id    uuid,
    label       varchar(8) check (label in ('spam', 'ham')),
    action      varchar(16) not null,
    moderator   varchar(100),
    decided_at  timestamptz not null default now()
);
create index moderator_label_check on moderator_label (check_id);
