#!/usr/bin/env bash
# Starts, stops and reports a throw-away PostgreSQL server for tests and the local run.
#
#   scripts/pg.sh start    initdb (first time) + start; prints the connection string
#   scripts/pg.sh stop     fast shutdown
#   scripts/pg.sh status   exit 0 when running
#   scripts/pg.sh url      print the connection string
#
# Every transaction runs SERIALIZABLE (default_transaction_isolation), as on CockroachDB, so tests
# see the same 40001 serialization failures under contention.
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user.
#
# Environment: ACTORS_PG_PORT (default 54329), ACTORS_PG_DIR (default /tmp/actors-pg-$PORT),
# ACTORS_PG_DURABLE=1 (fsync and full-page writes on, as in production: the benchmarks' own server).
set -euo pipefail

PORT="${ACTORS_PG_PORT:-54329}"
BASE="${ACTORS_PG_DIR:-/tmp/actors-pg-$PORT}"
DATA="$BASE/data"
SOCK="$BASE/sock"
LOG="$BASE/server.log"

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  for v in 17 16 15 14; do
    if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then echo "/usr/lib/postgresql/$v/bin"; return; fi
  done
  dirname "$(command -v pg_ctl)"
}
BIN="$(find_bin)"

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"; }

running() { as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  mkdir -p "$BASE" "$SOCK"
  if [ "$(id -u)" = "0" ]; then chown -R postgres:postgres "$BASE"; fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
      || { cat "$BASE/initdb.log" >&2; exit 1; }
  fi
  if running; then url; return; fi
  # fsync off: these servers hold throw-away test data; a clean stop still writes everything out. A benchmark's
  # server keeps production's durability, since the cost of a commit is part of what it measures.
  local durability="-c fsync=off -c full_page_writes=off"
  if [ "${ACTORS_PG_DURABLE:-0}" = "1" ]; then durability="-c fsync=on -c full_page_writes=on"; fi
  # The server must not inherit our open files: started from `flock /tmp/actors-build.lock scripts/test.sh`, it
  # would keep the build lock's descriptor, and with it the lock, for as long as it runs (seen: every build on the
  # machine waited on a server that no one would stop).
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 -o "-p $PORT -c listen_addresses=127.0.0.1 -k $SOCK \
      -c default_transaction_isolation=serializable -c max_connections=500 -c shared_buffers=128MB \
      $durability -c synchronous_commit=on" start >/dev/null
  ) || { tail -n 50 "$LOG" >&2; exit 1; }
  url
}

stop() {
  if running; then as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
