-- Banning an author is publication's (its moderation API); spam-check keeps the site's bans as SiteConfigured brings
-- them, and its own blocked emails and addresses go: two lists for one decision disagreed. Blocked domains stay,
-- being about what a comment links to, not who wrote it.
alter table site add column bans jsonb not null default '[]';
alter table site drop column blocked_emails;
alter table site drop column blocked_addresses;
