#!/usr/bin/env bash
# Runs a local cluster on loopback: PostgreSQL, then N silo processes that find each other through the membership
# table, then the gRPC gateway in front of them. Ctrl-C (or SIGTERM) stops every process cleanly (the gateway first:
# SIGTERM, a grace period, then SIGKILL), and then PostgreSQL, unless it was running before this script started it or
# another run still uses it.
#
#   scripts/run-local.sh [N]      N silos, default 3
#
# PostgreSQL keeps its durable defaults (fsync, full-page writes: an OS crash loses no committed write) and its data
# in a stable place, .run/pg under the checkout (as root, where the postgres user cannot reach the checkout,
# /var/lib/actors/<checkout>/pg); the script says where. Only the tests' server (scripts/pg.sh, port 54329) trades
# durability for speed.
#
# Silo i (1..N) listens on silo port 11110+i, gateway port 29999+i, HTTP port 8079+i (health, /metrics) and serves its
# dashboard on 127.0.0.1:8179+i; its log is .run/silo-i.log.
# The gRPC gateway listens on 5080 (h2c gRPC) and 5081 (HTTP/1.1: gRPC-Web, /health/ready, /metrics); its log is
# .run/gateway.log. It trusts a development key pair made afresh for each run (.run/dev-signing-key.pem, where the
# CLI (tools/Actors.Cli: `token`, `lesson`, `seed`) finds it; the development sign-in signs with it too) and, HMAC being
# switched on for development, .run/jwt-signing-key. The silos verify the same tokens on every grain call and sign their
# grains' calls with a service key made per run, .run/service-key. Once the gateway is up, `actors seed` rosters the demo schools
# (README). Silos and gateway speak mutual TLS on the Orleans ports with a throw-away CA and certificates made per run
# in .run/certs (`actors dev-certs`).
# A run on other API ports is an instance of its own: its logs, pid files and keys go to .run/<gRPC port>/, its database
# is actors_local_<gRPC port> and its cluster actors-local-<gRPC port>, so two runs from one checkout never mix.
# Environment:
#   ACTORS_DB              database on the local server, created if missing (default actors_local[_<gRPC port>])
#   ACTORS_CLUSTER_ID      Orleans cluster id (default actors-local[-<gRPC port>])
#   ACTORS_CONFIGURATION   Debug or Release (default Debug)
#   ACTORS_SILO_PORT, ACTORS_GATEWAY_PORT, ACTORS_HTTP_PORT   first ports (defaults 11111, 30000, 8080)
#   ACTORS_API_GRPC_PORT, ACTORS_API_HTTP_PORT                 the gRPC gateway's ports (defaults 5080, 5081)
#   ACTORS_DASHBOARD_PORT  first dashboard port (default 8180)
#   ACTORS_STOP_GRACE      seconds to wait after SIGTERM before SIGKILL (default 30)
#   ACTORS_LOCAL_PG_PORT   the local PostgreSQL server's port (default 54330)
#   ACTORS_LOCAL_PG_DIR    its folder: data, socket, log (default .run/pg, see above)
#   ACTORS_RUN_DIR         logs, pid files and the signing key (default .run)
#   ACTORS_WEB, ACTORS_WEB_PORT   the browser app: build (default, served by the gateway), dev (Vite) or off
#                                 (scripts/run-local-web.sh)
set -euo pipefail
# Job control: every process started below gets a process group of its own, so Ctrl-C in the terminal reaches only
# this script, which then stops the processes in order instead of all of them being interrupted at once.
set -m

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

SILOS="${1:-3}"
CONFIG="${ACTORS_CONFIGURATION:-Debug}"
SILO_PORT="${ACTORS_SILO_PORT:-11111}"
GATEWAY_PORT="${ACTORS_GATEWAY_PORT:-30000}"
HTTP_PORT="${ACTORS_HTTP_PORT:-8080}"
API_GRPC_PORT="${ACTORS_API_GRPC_PORT:-5080}"
API_HTTP_PORT="${ACTORS_API_HTTP_PORT:-5081}"
DASHBOARD_PORT="${ACTORS_DASHBOARD_PORT:-8180}"
GRACE="${ACTORS_STOP_GRACE:-30}"
PG_PORT="${ACTORS_LOCAL_PG_PORT:-54330}"

# One instance per API port: the default one keeps the plain names (and .run/, where the CLI looks for the key).
if [[ "$API_GRPC_PORT" == 5080 ]]; then
  INSTANCE="" RUN_DIR="$ROOT/.run"
else
  INSTANCE="$API_GRPC_PORT" RUN_DIR="$ROOT/.run/$API_GRPC_PORT"
fi
DB="${ACTORS_DB:-actors_local${INSTANCE:+_$INSTANCE}}"
CLUSTER_ID="${ACTORS_CLUSTER_ID:-actors-local${INSTANCE:+-$INSTANCE}}"
# The browser tests keep a run folder of their own (ACTORS_RUN_DIR).
RUN_DIR="${ACTORS_RUN_DIR:-$RUN_DIR}"
RUN_REL="${RUN_DIR#"$ROOT/"}"

[[ "$SILOS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [number of silos]" >&2; exit 2; }
mkdir -p "$RUN_DIR"

PIDS=()
NAMES=()

log() { echo "[run-local] $*"; }
# shellcheck source=run-local-web.sh
source "$ROOT/scripts/run-local-web.sh"

# Fails early when a port is taken (another run, another engineer), instead of a silo dying with a bind error.
require_free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "[run-local] port $1 is already in use; set ACTORS_SILO_PORT/ACTORS_GATEWAY_PORT/ACTORS_HTTP_PORT/ACTORS_DASHBOARD_PORT" >&2
    exit 1
  fi
}

# start_process NAME DLL [VAR=VALUE...]: runs a .NET app in the background with extra environment, logging to
# .run/NAME.log; stop_all stops it with the others (in reverse order of start).
start_process() {
  local name="$1" dll="$2"
  shift 2
  env "$@" dotnet "$dll" >"$RUN_DIR/$name.log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
  echo "$!" >"$RUN_DIR/$name.pid"
}

# The local run's own durable PostgreSQL (not the tests' fsync=off one), its data kept across runs.
PG_DIR="${ACTORS_LOCAL_PG_DIR:-$ROOT/.run/pg}"
if [[ -z "${ACTORS_LOCAL_PG_DIR:-}" && "$(id -u)" == 0 ]] && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
  # As root the server runs as `postgres`, which cannot enter a checkout under e.g. /root.
  PG_DIR="/var/lib/actors/$(printf '%s' "$ROOT" | md5sum | cut -c1-12)/pg"
fi
pg() { ACTORS_PG_PORT="$PG_PORT" ACTORS_PG_DIR="$PG_DIR" ACTORS_PG_DURABLE=1 "$ROOT/scripts/pg.sh" "$@"; }
# Which server a run may stop: one a run of this script started (its postmaster's pid is in this file), not one the
# user started by hand. Whichever run is the last to use it stops it.
STARTED_MARKER="$PG_DIR/started-by-run-local"
postmaster_pid() { head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true; }
PSQL="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)"
psql_local() { "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# Stops the server if a run of this script started it and no other run (another instance) is still connected.
stop_database() {
  pg status || return 0
  if [[ ! -f "$STARTED_MARKER" || "$(cat "$STARTED_MARKER")" != "$(postmaster_pid)" ]]; then
    log "PostgreSQL on port $PG_PORT was running before: left running"
    return 0
  fi
  # The server notices the stopped processes' connections close a moment after they exit.
  local others attempt
  for attempt in {1..30}; do
    others="$(psql_local -d postgres -tAc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null || echo 0)"
    [[ "$others" == 0 ]] && break
    sleep 0.1
  done
  if [[ "$others" != 0 ]]; then
    log "PostgreSQL on port $PG_PORT is still used by $others connection(s) (another run): left running for it to stop"
    return 0
  fi
  pg stop && rm -f "$STARTED_MARKER" && log "PostgreSQL stopped (its data stays in $PG_DIR)"
}

stopping=0
stop_all() {
  [[ $stopping == 1 ]] && return
  stopping=1
  trap - INT TERM
  log "stopping ${#PIDS[@]} process(es)..."
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[$i]}" 2>/dev/null || true
  done
  local deadline=$((SECONDS + GRACE))
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    while kill -0 "${PIDS[$i]}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} (pid ${PIDS[$i]}) ignored SIGTERM for ${GRACE}s: killing it"
      kill -KILL "${PIDS[$i]}" 2>/dev/null || true
    fi
    wait "${PIDS[$i]}" 2>/dev/null || true
    rm -f "$RUN_DIR/${NAMES[$i]}.pid"
  done
  stop_database
  log "all stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# --- Database ------------------------------------------------------------------------------------------------------
PG_WAS_RUNNING=0
if pg status; then PG_WAS_RUNNING=1; fi
ADMIN_URL="$(pg start)"
((PG_WAS_RUNNING)) || postmaster_pid >"$STARTED_MARKER"
if ! psql_local -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql_local -d postgres -qc "CREATE DATABASE $DB"
fi
CONNECTION_STRING="${ADMIN_URL/Database=postgres/Database=$DB}"
log "database: $CONNECTION_STRING (durable: fsync=$(psql_local -d postgres -tAc 'SHOW fsync'), data in $PG_DIR)"

# --- Build once ----------------------------------------------------------------------------------------------------
# One build of the three programs (scripts/run-local.slnf): they share most of their projects, which three separate
# builds would each check again.
log "building the silo, the gateway and the CLI ($CONFIG)..."
dotnet build scripts/run-local.slnf -c "$CONFIG" --nologo -v quiet -clp:ErrorsOnly >"$RUN_DIR/build.log" 2>&1 \
  || { cat "$RUN_DIR/build.log" >&2; exit 1; }
SILO_DLL="$ROOT/silo/Actors.Silo/bin/$CONFIG/net10.0/Actors.Silo.dll"
GATEWAY_DLL="$ROOT/gateway/Actors.Gateway/bin/$CONFIG/net10.0/Actors.Gateway.dll"
CLI_DLL="$ROOT/tools/Actors.Cli/bin/$CONFIG/net10.0/actors.dll"
web_prepare

# --- Cluster TLS: a throw-away CA and certificates per run (ClusterTls:*, docs/operations.md) -------------------------
CERTS="$RUN_DIR/certs"
rm -rf "$CERTS" && dotnet "$CLI_DLL" dev-certs --out "$CERTS" >/dev/null
SILO_TLS=("ClusterTls__CertificatePath=$CERTS/silo.crt" "ClusterTls__KeyPath=$CERTS/silo.key" "ClusterTls__CaPath=$CERTS/ca.crt")
GATEWAY_TLS=("ClusterTls__CertificatePath=$CERTS/gateway.crt" "ClusterTls__KeyPath=$CERTS/gateway.key" "ClusterTls__CaPath=$CERTS/ca.crt")

# --- Tokens: a development key pair per run (`actors token` signs with it, the gateway trusts its public half), plus
# the HMAC development switch for tools that still sign with .run/jwt-signing-key (docs/api.md, "Authentication").
# The silos verify the same tokens again on every grain call (docs/operations.md, "Trust boundary"), so they get the
# same settings; and a service key of the run's own (.run/service-key), which they sign their grains' calls with.
# A fresh key pair and HMAC key per run: tokens from an earlier run stop working.
dotnet "$CLI_DLL" dev-signing-key --out "$RUN_DIR" >/dev/null
(umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$RUN_DIR/jwt-signing-key")
(umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$RUN_DIR/service-key")
TOKENS=("Jwt__PublicKeyPaths__0=$RUN_DIR/dev-signing-key.pub.pem" "Jwt__AllowHmac=true" "Jwt__SigningKey=$(cat "$RUN_DIR/jwt-signing-key")")
GATEWAY_TOKENS=("${TOKENS[@]}")
SILO_TOKENS=("${TOKENS[@]}" "CallerVerification__ServiceKeyPath=$RUN_DIR/service-key")

# --- Silos ---------------------------------------------------------------------------------------------------------
STARTED_AT="$(psql_local -d "$DB" -tAc "SELECT now()")"
for ((i = 1; i <= SILOS; i++)); do
  silo_port=$((SILO_PORT + i - 1)) gateway_port=$((GATEWAY_PORT + i - 1)) http_port=$((HTTP_PORT + i - 1))
  dashboard_port=$((DASHBOARD_PORT + i - 1))
  require_free_port "$silo_port"; require_free_port "$gateway_port"; require_free_port "$http_port"; require_free_port "$dashboard_port"
  start_process "silo-$i" "$SILO_DLL" \
    ConnectionStrings__Actors="$CONNECTION_STRING" \
    Orleans__ClusterId="$CLUSTER_ID" \
    Orleans__Name="silo-$i" \
    Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1 \
    Orleans__Endpoints__SiloPort="$silo_port" \
    Orleans__Endpoints__GatewayPort="$gateway_port" \
    Orleans__Endpoints__HttpPort="$http_port" \
    Dashboard__Port="$dashboard_port" \
    "${SILO_TLS[@]}" \
    "${SILO_TOKENS[@]}" \
    DOTNET_ENVIRONMENT=Development
  log "silo-$i (pid ${PIDS[-1]}): silo 127.0.0.1:$silo_port, gateway 127.0.0.1:$gateway_port, http://127.0.0.1:$http_port, log $RUN_REL/silo-$i.log"
done

# --- Wait for the cluster, then for Ctrl-C ---------------------------------------------------------------------------
active_silos() {
  psql_local -d "$DB" -tAc \
    "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = '$CLUSTER_ID' AND Status = 3 AND StartTime >= '$STARTED_AT'" 2>/dev/null || echo 0
}
deadline=$((SECONDS + 120))
until [[ "$(active_silos)" == "$SILOS" ]]; do
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} exited during start-up; last lines of $RUN_REL/${NAMES[$i]}.log:"
      tail -n 20 "$RUN_DIR/${NAMES[$i]}.log" >&2
      exit 1
    fi
  done
  if ((SECONDS >= deadline)); then
    log "the silos did not all join within 120 s; see $RUN_REL/*.log"
    exit 1
  fi
  sleep 0.5
done
log "cluster '$CLUSTER_ID' is up: $SILOS silo(s) Active in the membership table."
for ((i = 1; i <= SILOS; i++)); do
  log "silo-$i: dashboard http://127.0.0.1:$((DASHBOARD_PORT + i - 1))/dashboard/  metrics http://127.0.0.1:$((HTTP_PORT + i - 1))/metrics  ready http://127.0.0.1:$((HTTP_PORT + i - 1))/health/ready"
done

# --- Gateway -------------------------------------------------------------------------------------------------------
# Started last, so that Ctrl-C stops it first.
require_free_port "$API_GRPC_PORT"; require_free_port "$API_HTTP_PORT"
start_process gateway "$GATEWAY_DLL" \
  ConnectionStrings__Actors="$CONNECTION_STRING" \
  Orleans__ClusterId="$CLUSTER_ID" \
  Gateway__GrpcPort="$API_GRPC_PORT" \
  Gateway__HttpPort="$API_HTTP_PORT" \
  "${GATEWAY_TLS[@]}" \
  "${GATEWAY_TOKENS[@]}" \
  DOTNET_ENVIRONMENT=Development \
  "${WEB_GATEWAY_ENV[@]}"
deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$API_HTTP_PORT/health/ready" >/dev/null 2>&1; do
  if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then
    log "the gateway exited during start-up; last lines of $RUN_REL/gateway.log:"
    tail -n 20 "$RUN_DIR/gateway.log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    log "the gateway was not ready within 60 s; see $RUN_REL/gateway.log"
    exit 1
  fi
  sleep 0.5
done
log "gateway (pid ${PIDS[-1]}) is ready: gRPC h2c http://127.0.0.1:$API_GRPC_PORT, gRPC-Web/health/metrics http://127.0.0.1:$API_HTTP_PORT, log $RUN_REL/gateway.log"
# Demo schools 'kowhai' and 'rimu' (README): idempotent, so every start seeds them again without change.
dotnet "$CLI_DLL" seed --gateway "http://127.0.0.1:$API_GRPC_PORT" --private-key "$RUN_DIR/dev-signing-key.pem" || log "seeding the demo schools failed; see above"
# The CLI finds .run/dev-signing-key.pem by itself; an instance's key is elsewhere.
KEY_ARG="${INSTANCE:+ --private-key $RUN_REL/dev-signing-key.pem}"
log "  play a lesson:  dotnet $CLI_DLL lesson --gateway http://127.0.0.1:$API_GRPC_PORT --school kowhai$KEY_ARG"
log "  mint a token:   dotnet $CLI_DLL token --school kowhai --user student-1 --role student$KEY_ARG"
web_start
log "Ctrl-C stops everything."

# Returns when a process exits (reported) or a signal arrives (the trap stops everything).
while ((${#PIDS[@]} > 0)); do
  wait -n "${PIDS[@]}" || true
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} (pid ${PIDS[$i]}) exited; see $RUN_REL/${NAMES[$i]}.log"
      rm -f "$RUN_DIR/${NAMES[$i]}.pid"
      unset 'PIDS[i]' 'NAMES[i]'
      PIDS=("${PIDS[@]}") NAMES=("${NAMES[@]}")
      break
    fi
  done
done
