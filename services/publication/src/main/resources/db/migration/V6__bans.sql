-- Bans by email, author name or client address (one address or a range), per site, optionally until a time. A
-- banned author's new comments are held for the moderators (or refused by intake, if the site says so); lifting
-- a ban keeps its row, so the audit trail and the ban list agree.
create table ban (
    id          uuid primary key,
    site_id     varchar(64)  not null references site (id),
    kind        varchar(8)   not null check (kind in ('email', 'author', 'address')),
    value       varchar(254),
    address     cidr,
    reason      varchar(500),
    created_by  varchar(100) not null,
    created_at  timestamptz  not null default now(),
    expires_at  timestamptz,
    lifted_at   timestamptz,
    check ((kind = 'address') = (address is not null))
);
create index ban_site_active on ban (site_id) where lifted_at is null;

-- The address a comment came from, for address bans.
alter table comment add column client_ip varchar(64);
