-- A site's blocked authors and link targets, kept by spam-check (WordPress's "disallowed comment keys" split by
-- kind, so that an address range means a range and a domain also catches its subdomains).
alter table site add column blocked_emails text[] not null default '{}';
alter table site add column blocked_domains text[] not null default '{}';
alter table site add column blocked_addresses text[] not null default '{}';
