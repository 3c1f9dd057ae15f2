-- Sites may refuse banned authors outright instead of holding their comments; publication sends the site's
-- active bans with every SiteConfigured, and they are replaced here as a whole.
alter table site add column banned_authors varchar(8) not null default 'hold';

create table site_ban (
    site_id    varchar(64) not null references site (id),
    kind       varchar(8)  not null,
    value      varchar(254),
    address    cidr,
    expires_at timestamptz
);
create index site_ban_site on site_ban (site_id);
