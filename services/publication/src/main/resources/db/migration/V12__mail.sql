-- Mail to moderators and readers (service/mail). Three stages, each durable:
--   mail_notice   what someone should hear of, written in the transaction that causes it (a comment queued, a
--                 reply published, an address to confirm), due at once or at the recipient's digest time;
--   mail_message  a composed mail (both parts, its headers, a stable Message-ID), written in the transaction that
--                 consumes its notices; the mail relay sends it with retries and parks it after too many failures;
--   mail_link     the one-click links in them: single-use, expiring, bound to a site (the link itself also
--                 carries a signature, checked before this table is read).
alter table account
    add column email           varchar(254),
    add column mail_preference varchar(16) not null default 'none';

-- What the reader asked for when posting: to hear of replies (only once the address is confirmed, below).
alter table comment add column notify_replies boolean not null default false;

-- An address that asked for reply notifications on a site: pending until its owner confirms it.
create table reply_subscriber (
    site_id              varchar(64)  not null,
    email                varchar(254) not null,
    state                varchar(16)  not null,  -- pending, confirmed, unsubscribed
    confirmation_sent_at timestamptz,
    confirmations_sent   integer      not null default 0,
    last_client_ip       varchar(64),
    changed_at           timestamptz  not null default now(),
    primary key (site_id, email)
);
create index reply_subscriber_client on reply_subscriber (last_client_ip, confirmation_sent_at);

create table mail_notice (
    id          uuid primary key,
    recipient   varchar(254) not null,
    kind        varchar(24)  not null,  -- queued, reply, confirm-address
    site_id     varchar(64)  not null,
    comment_id  uuid,
    -- for a moderator, the account (links decide in its name); for a reader, null
    username    varchar(64),
    reason      varchar(500),
    created_at  timestamptz  not null default now(),
    due_at      timestamptz  not null default now()
);
create index mail_notice_due on mail_notice (due_at);
create index mail_notice_recipient on mail_notice (recipient);

create table mail_message (
    id              uuid primary key,
    message_id      varchar(200) not null unique,
    recipient       varchar(254) not null,
    kind            varchar(24)  not null,
    subject         varchar(300) not null,
    text_body       text         not null,
    html_body       text         not null,
    headers         jsonb        not null default '{}',
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    sent_at         timestamptz,
    parked_at       timestamptz,
    last_error      varchar(500)
);
create index mail_message_due on mail_message (next_attempt_at) where sent_at is null and parked_at is null;
create index mail_message_recipient on mail_message (recipient, created_at);

create table mail_link (
    id          uuid primary key,
    purpose     varchar(16)  not null,  -- decide, confirm, unsubscribe
    site_id     varchar(64)  not null,
    comment_id  uuid,
    action      varchar(16),            -- approve, reject, spam (decide links)
    username    varchar(64),            -- the moderator a decide link acts for
    email       varchar(254),           -- the reader a confirm or unsubscribe link is for
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    created_at  timestamptz  not null default now()
);
create index mail_link_expiry on mail_link (expires_at);
