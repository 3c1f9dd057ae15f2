-- Each site's API keys (Akismet's key, the native API's X-Api-Key), as SHA-256: a leaked database does not leak
-- working keys. Set by SiteConfigured from publication, where admins manage them.
create table site_api_key (
    key_hash bytea primary key,
    site_id  varchar(64) not null
);
create index site_api_key_site on site_api_key (site_id);
