-- Publication instances learn of thread changes by reading this log every 100 ms (ThreadChanges) rather than by
-- NOTIFY: a NOTIFY in every publishing transaction made the pipeline several times slower under load (NOTIFY
-- serialises committing transactions cluster-wide). A global, increasing id lets each instance read what is new.
alter table thread_change add column id bigserial;
create index thread_change_id on thread_change (id);
