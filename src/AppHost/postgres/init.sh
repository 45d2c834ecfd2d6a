#!/usr/bin/env bash
# One-shot: create the cluster the first time, stop a server that an earlier AppHost left running (killed before it
# could stop it), and set the roles and their passwords as the data directory has them (README, "Database roles"):
# every login is scram-sha-256 over TCP; SPBE_DB_ROLES lists the superuser ("postgres"), the owner of the database
# (the migration steps' role) and one runtime role per process, each with SPBE_DB_PASSWORD_<role> (the superuser's
# may be left out).
# Usage: init.sh CLUSTER_DIR BIN_DIR DATABASE
set -euo pipefail
dir=$1 bin=$2 db=$3
read -r -a roles <<<"${SPBE_DB_ROLES:?the roles to create}"
superuser=${roles[0]} owner=${roles[1]}
password() { local v="SPBE_DB_PASSWORD_$1"; printf '%s' "${!v:?no password for role $1}"; }
# Without a password of its own the superuser gets a random one no one knows, at every start: it then logs in only
# as the server's own user by the local socket (peer), as in the Kubernetes StatefulSet (`kubectl exec … psql`).
v="SPBE_DB_PASSWORD_$superuser"
[ -n "${!v-}" ] || export "$v=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

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

created=
if [ ! -f data/PG_VERSION ]; then
  echo "creating the cluster in $dir/data"
  created=1
  # initdb reads the superuser's password from a file: one readable by the server's user alone, removed at once.
  pwfile=$(umask 077; mktemp -p "$dir")
  trap 'rm -f "$pwfile"' EXIT
  password "$superuser" >"$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pwfile"
  as_postgres "$bin/initdb" -D data -U "$superuser" -E UTF8 --locale=C --auth-host=scram-sha-256 --auth-local=peer \
    --pwfile="$pwfile" >/dev/null
  rm -f "$pwfile"
fi

if [ -f data/postmaster.pid ] && as_postgres "$bin/pg_ctl" -D data status >/dev/null 2>&1; then
  echo "stopping the PostgreSQL server an earlier run left behind (pid $(head -1 data/postmaster.pid))"
  as_postgres "$bin/pg_ctl" -D data -m fast -w -t 60 stop
fi

# A restored cluster (pgBackRest leaves recovery.signal) must first replay the archive, which the server does with
# its own settings; its roles are the backup's, and the next start sets the passwords again.
if [ -f data/recovery.signal ]; then
  echo "cluster restored from a backup: it recovers when the server starts; roles are set at the next start"
  exit 0
fi

# Single-user mode (the server is not running): one statement per line. The passwords are hex, so they need no quoting.
{
  echo "ALTER ROLE \"$superuser\" PASSWORD '$(password "$superuser")';"
  for role in "${roles[@]:1}"; do
    echo "DO \$\$ BEGIN CREATE ROLE \"$role\" LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;"
    echo "ALTER ROLE \"$role\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '$(password "$role")';"
  done
} | as_postgres "$bin/postgres" --single -D data postgres >/dev/null
if [ -n "$created" ]; then
  echo "CREATE DATABASE \"$db\" OWNER \"$owner\";" | as_postgres "$bin/postgres" --single -D data postgres >/dev/null
  echo "created database $db, owned by $owner"
fi
echo "cluster ready"
