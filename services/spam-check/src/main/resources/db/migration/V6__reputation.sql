-- What moderators and API clients have said about each author's earlier comments on a site: authors with
-- published comments are trusted more, authors of spam less. An author is their email, or their address when
-- they gave none.
create table author_reputation (
    site_id    varchar(64) not null,
    author_key varchar(300) not null,
    ham        integer not null default 0,
    spam       integer not null default 0,
    primary key (site_id, author_key)
);

-- A check keeps who wrote it, so that a later decision about it counts towards its author.
alter table spam_check add column author_email varchar(320), add column client_ip varchar(64);
