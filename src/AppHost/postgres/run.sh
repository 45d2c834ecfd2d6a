#!/usr/bin/env bash
# Runs the PostgreSQL server for the AppHost (DCP) and keeps it within DCP's stop contract: SIGTERM, then SIGKILL
# 6 s later; Aspire gives a Stop or Restart about 15 s in all before it fails the command and never issues the
# start half, leaving the resource Unknown.
#
# The server and its backends are not this script's descendants. DCP lists an executable's whole process tree
# before it sends the first signal, and its listing reads every /proc/*/stat once per process in the tree: with a
# hundred backends on a loaded machine that alone outlasted the 15 s (seen: 18.5 s), so SIGTERM never came. This
# script therefore stays a single process (waiting in the `read` builtin) and starts a detached keeper (`setsid
# -f`, this same file with --keeper) whose child the server is. Two FIFOs tie them together:
# - the lifeline, which this script holds open for writing: a stop request writes "fast" into it and closes it; if
#   this script is killed, the kernel closes it. The keeper then shuts the server down: "fast" becomes SIGINT
#   (PostgreSQL's fast shutdown with a clean checkpoint; the "smart" one SIGTERM asks for would wait for the
#   services' pools, which never leave), and if that is not done in 4 s, or nothing was written, SIGQUIT (an
#   immediate shutdown; the WAL is replayed at the next start);
# - the status, on which the keeper reports how the server ended, so that this script ends with it: 0 after a
#   requested stop, otherwise the server's own status, which the AppHost's restarter acts on.
# If the keeper itself is killed, the server gets SIGQUIT as its parent-death signal.
# Usage: run.sh CLUSTER_DIR BIN_DIR PORT [SERVER_OPTION...]
set -uo pipefail

if [ "${1-}" = --keeper ]; then
  fifos=$2
  shift 2
  exec {lifeline}<"$fifos/lifeline" {status}>"$fifos/status"
  # The server and its backends must not hold the FIFOs, or their ends would never close.
  if [ "$(id -u)" = 0 ]; then
    # The parent-death signal is cleared when credentials change, so a second setpriv sets it after the switch.
    setpriv --reuid=postgres --regid=postgres --init-groups -- setpriv --pdeathsig QUIT -- "$@" {lifeline}<&- {status}>&- &
  else
    setpriv --pdeathsig QUIT -- "$@" {lifeline}<&- {status}>&- &
  fi
  server=$!
  (
    request=
    read -r -u "$lifeline" request
    if [ "$request" = fast ]; then
      kill -INT $server 2>/dev/null
      for _ in $(seq 40); do kill -0 $server 2>/dev/null || exit 0; sleep 0.1; done
      echo "the fast shutdown did not finish in 4 s; shutting down immediately (the WAL is replayed at the next start)" >&2
    fi
    kill -QUIT $server 2>/dev/null
  ) {status}>&- &
  watcher=$!
  wait $server
  code=$?
  kill $watcher 2>/dev/null
  echo $code >&"$status"
  exit 0
fi

dir=$1 bin=$2 port=$3
shift 3
cd "$dir"
fifos=$(mktemp -d "${TMPDIR:-/tmp}/spbe-postgres.XXXXXX")
mkfifo "$fifos/lifeline" "$fifos/status"
# The server's log goes to files under data/log (PostgreSQL's own logging collector), not to the pipe the AppHost
# reads: a server blocked writing to a full pipe (many "connection reset" lines while services are killed) cannot
# act on a shutdown request.
setsid -f "$BASH" "$0" --keeper "$fifos" "$bin/postgres" -D data -k "$dir" -p "$port" \
  -c listen_addresses=127.0.0.1 -c max_connections=300 \
  -c logging_collector=on -c log_directory=log -c log_filename=postgresql-%a.log -c log_truncate_on_rotation=on \
  "$@" </dev/null
# Opened in the keeper's order, so each open returns once the keeper holds the other end.
exec {lifeline}>"$fifos/lifeline" {status}<"$fifos/status"
rm -r "$fifos" {lifeline}>&-

stopping=
stop() {
  [ -n "$stopping" ] && return
  stopping=1
  echo fast >&"$lifeline"
  exec {lifeline}>&-
}
trap stop TERM INT

# A trapped signal interrupts `read` (status above 128); read on until the keeper reports or is gone.
code=
until read -r code <&"$status"; do
  [ $? -gt 128 ] || break
done
[ -n "$stopping" ] && exit 0
exit "${code:-1}"
