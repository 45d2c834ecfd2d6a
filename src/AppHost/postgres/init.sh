#!/usr/bin/env bash
# One-shot: create the cluster and its database the first time, and stop a server that an earlier
# AppHost left running (killed before it could stop it), so the new server can take over the data.
# Usage: init.sh CLUSTER_DIR BIN_DIR DATABASE
set -euo pipefail
dir=$1 bin=$2 db=$3

# PostgreSQL refuses to run as root: as root, its files and processes belong to 'postgres'.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "running as root needs the 'postgres' user (apt-get install postgresql creates it)" >&2; exit 1; }
  chown postgres:postgres "$dir"
fi
cd "$dir"

if [ ! -f data/PG_VERSION ]; then
  echo "creating the cluster in $dir/data"
  as_postgres "$bin/initdb" -D data -A trust -U postgres -E UTF8 --locale=C >/dev/null
  echo "CREATE DATABASE \"$db\";" | as_postgres "$bin/postgres" --single -D data postgres >/dev/null
  echo "created database $db"
fi

if [ -f data/postmaster.pid ] && as_postgres "$bin/pg_ctl" -D data status >/dev/null 2>&1; then
  echo "stopping the PostgreSQL server an earlier run left behind (pid $(head -1 data/postmaster.pid))"
  as_postgres "$bin/pg_ctl" -D data -m fast -w -t 60 stop
fi
echo "cluster ready"
