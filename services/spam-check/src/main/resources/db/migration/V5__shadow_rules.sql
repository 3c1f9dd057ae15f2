-- Rules a site runs in shadow mode: scored and reported in each check's reasons, not counted in the verdict, so a
-- newsroom can see what a rule would do before trusting it (or while it is suspected of misfiring).
alter table site add column shadow_rules text[] not null default '{}';
