#!/bin/bash
# First start: a cluster with password authentication for POSTGRES_USER, then the init scripts (one database per
# service). Every start: PostgreSQL in the foreground, listening on the container's network.
set -euo pipefail

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
         --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  # Init scripts run over the local socket only, before the network sees the server.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" -w start >/dev/null
  for script in /docker-entrypoint-initdb.d/*.sql; do
    [ -e "$script" ] && psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$POSTGRES_USER" -d postgres -q -f "$script"
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi

exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql
