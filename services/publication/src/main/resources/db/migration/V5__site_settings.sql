-- A site's settings live here, where admins edit them; SiteConfigured carries each new version to intake (the
-- form's rules) and spam-check (the filter's). Defaults are those of a fresh WordPress-like install.
alter table site
    add column require_email       boolean     not null default false,
    add column edit_window_seconds integer     not null default 900,
    add column max_reply_depth     integer     not null default 5,
    add column links_before_hold   integer     not null default 2,
    add column blocked_words       text[]      not null default '{}',
    add column moderation_words    text[]      not null default '{}',
    add column akismet_keys        text[]      not null default '{}',
    add column banned_authors      varchar(8)  not null default 'hold' check (banned_authors in ('hold', 'refuse')),
    add column updated_at          timestamptz not null default now();
-- The same starting list spam-check's migration gives the default site, so the first SiteConfigured keeps it.
update site set blocked_words = array['viagra', 'cialis', 'casino bonus', 'payday loan', 'replica watches', 'crypto giveaway']
 where id = 'default';
