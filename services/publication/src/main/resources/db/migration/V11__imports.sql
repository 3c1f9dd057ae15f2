-- Imports of other systems' exports (ImportJobs): one row per job, with its counts and what it skipped or mended.
create table import_job (
    id            uuid primary key,
    site_id       varchar(64) not null references site (id),
    format        varchar(16) not null,
    state         varchar(16) not null,
    started_by    varchar(100) not null,
    bytes_total   bigint not null,
    bytes_read    bigint not null default 0,
    read_count    bigint not null default 0,
    imported      bigint not null default 0,
    already_there bigint not null default 0,
    skipped       bigint not null default 0,
    mended        bigint not null default 0,
    reasons       jsonb not null default '{}',
    error         text,
    error_line    integer,
    error_column  integer,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    finished_at   timestamptz
);
create index import_job_site on import_job (site_id, created_at desc);

create table import_note (
    job_id    uuid not null references import_job (id) on delete cascade,
    seq       integer not null,
    source_id varchar(200),
    kind      varchar(16) not null,
    reason    text not null,
    primary key (job_id, seq)
);
