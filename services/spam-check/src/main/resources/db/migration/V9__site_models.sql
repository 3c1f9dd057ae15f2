-- A site's own model (logistic regression, refitted in the background) learns from the texts themselves, so each
-- example now keeps its text; examples learned before keep only their hash and teach the counts alone. The id
-- orders a refit's pass over the examples, so every instance fits the same model from the same rows.
alter table training_example add column id bigserial, add column content text, add column author_url varchar(500);
create index training_example_site_order on training_example (site_id, id);

-- Thresholds a site's admin set by hand win over the ones the filter picks itself from its error budget: the
-- share of ham it may judge spam, and of spam it may judge ham. A site whose thresholds are not the old defaults
-- had them set by hand.
alter table site add column manual_thresholds boolean not null default false,
    add column budget_ham_judged_spam double precision not null default 0.01,
    add column budget_spam_judged_ham double precision not null default 0.03;
update site set manual_thresholds = true where spam_from <> 3.0 or ham_below <> -0.5;
