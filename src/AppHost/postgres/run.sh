#!/usr/bin/env bash
# Runs the PostgreSQL server in the foreground for the AppHost. Stopping a resource sends SIGTERM,
# which PostgreSQL takes as a "smart" shutdown that waits for every client to leave (the services'
# pools never do); it is passed on as SIGINT, a "fast" shutdown that still writes a clean checkpoint.
# Usage: run.sh CLUSTER_DIR BIN_DIR PORT
set -uo pipefail
dir=$1 bin=$2 port=$3
cd "$dir"
# The server's log goes to files under data/log (PostgreSQL's own logging collector), not to the pipe the AppHost reads:
# a server blocked writing to a full pipe (many "connection reset" lines while services are killed) cannot act on a
# shutdown request. A stop of the resource once timed out that way, no shutdown logged, the server still running.
server=("$bin/postgres" -D data -k "$dir" -p "$port" -c listen_addresses=127.0.0.1 -c max_connections=300
        -c logging_collector=on -c log_directory=log -c log_filename=postgresql-%a.log -c log_truncate_on_rotation=on)
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups -- "${server[@]}" &
else
  "${server[@]}" &
fi
pid=$!
# A fast shutdown that has not finished in 15 s becomes an immediate one (recovery from the WAL at the next start).
killer=
trap 'kill -INT $pid 2>/dev/null; (sleep 15; kill -QUIT $pid 2>/dev/null) >/dev/null 2>&1 & killer=$!' TERM INT
wait $pid
status=$?
# A trapped signal ends the first wait; wait again for the server to finish shutting down.
while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done
[ -n "$killer" ] && kill $killer 2>/dev/null
exit $status
