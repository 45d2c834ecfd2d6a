#!/usr/bin/env bash
# Runs the PostgreSQL server in the foreground for the AppHost. Stopping a resource sends SIGTERM,
# which PostgreSQL takes as a "smart" shutdown that waits for every client to leave (the services'
# pools never do); it is passed on as SIGINT, a "fast" shutdown that still writes a clean checkpoint.
# Usage: run.sh CLUSTER_DIR BIN_DIR PORT
set -uo pipefail
dir=$1 bin=$2 port=$3
cd "$dir"
server=("$bin/postgres" -D data -k "$dir" -p "$port" -c listen_addresses=127.0.0.1 -c max_connections=300)
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups -- "${server[@]}" &
else
  "${server[@]}" &
fi
pid=$!
trap 'kill -INT $pid 2>/dev/null' TERM INT
wait $pid
status=$?
# A trapped signal ends the first wait; wait again for the server to finish shutting down.
while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done
exit $status
