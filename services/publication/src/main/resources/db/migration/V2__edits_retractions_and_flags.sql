-- Authors edit and delete, readers report. A comment's text and its verdict each name the revision they are
-- about; a text is shown only under a verdict for that same revision.
alter table comment
    add column revision         integer not null default 0,
    add column verdict_revision integer not null default 0,
    add column flag_count       integer not null default 0,
    add column retracted_at     timestamptz;

-- Reports it takes for a published comment to go back to the moderators (it stays visible meanwhile).
alter table site add column flags_before_review integer not null default 3;
