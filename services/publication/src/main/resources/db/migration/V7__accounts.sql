-- Moderator and admin accounts: passwords as bcrypt hashes (never the password), and API bearer tokens as
-- SHA-256 hashes (the token itself is shown once, when it is made). Deleting an account deletes its tokens.
create table account (
    username      varchar(64)  primary key,
    password_hash varchar(100) not null,
    roles         text[]       not null,
    created_by    varchar(64),
    created_at    timestamptz  not null default now()
);

create table api_token (
    token_hash  varchar(64)  primary key,
    username    varchar(64)  not null references account (username) on delete cascade,
    created_at  timestamptz  not null default now(),
    expires_at  timestamptz  not null
);
