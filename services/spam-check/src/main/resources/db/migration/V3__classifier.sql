-- What the classifier has learned on each site: in how many spam and ham examples each feature occurred
-- (TextFeatures), and how many examples of each there were. The seed examples shipped with the service are not
-- stored: every site starts from them and adds what its moderators teach it.
create table classifier_feature (
    site_id varchar(64) not null,
    feature varchar(80) not null,
    spam    integer not null default 0,
    ham     integer not null default 0,
    primary key (site_id, feature)
);

create table classifier_examples (
    site_id  varchar(64) primary key,
    spam     integer not null default 0,
    ham      integer not null default 0,
    -- bumped by every training, so another instance can tell that its copy in memory is stale
    revision bigint not null default 0
);

-- Each text is learned once per site: a moderator changing their mind moves it to the other class instead of
-- counting it twice, and the same spam submitted again changes nothing.
create table training_example (
    site_id    varchar(64) not null,
    text_hash  bytea not null,
    label      varchar(4) not null check (label in ('spam', 'ham')),
    source     varchar(16) not null,
    trained_at timestamptz not null default now(),
    primary key (site_id, text_hash)
);

-- A check keeps the text it judged, so that a moderator's later decision about it can be learned from.
alter table spam_check add column content text, add column author_url varchar(500);

-- Per-site verdict thresholds on the combined evidence (log-odds, see SpamRules): spam at or above
-- spam_from, ham below ham_below, unsure in between.
alter table site add column spam_from double precision not null default 3.0,
    add column ham_below double precision not null default -0.5;
