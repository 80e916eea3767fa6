#!/usr/bin/env bash
# Runs a local cluster on loopback: PostgreSQL (scripts/pg.sh), then N silo processes that find each other through
# the membership table, then the gRPC gateway in front of them. Ctrl-C (or SIGTERM) stops every process cleanly
# (the gateway first): SIGTERM, a grace period, then SIGKILL.
#
#   scripts/run-local.sh [N]      N silos, default 3
#
# Silo i (1..N) listens on silo port 11110+i, gateway port 29999+i, HTTP port 8079+i (health, /metrics) and serves its
# dashboard on 127.0.0.1:8179+i; its log is .run/silo-i.log.
# The gRPC gateway listens on 5080 (h2c gRPC) and 5081 (HTTP/1.1: gRPC-Web, /health/ready, /metrics); its log is
# .run/gateway.log. It trusts a development key pair made afresh for each run (.run/dev-signing-key.pem, where the
# CLI's `token` and `lesson` find it) and, HMAC being switched on for development, .run/jwt-signing-key. Silos and gateway speak mutual TLS on the Orleans ports
# with a throw-away CA and certificates made per run in .run/certs (`actors dev-certs`).
# Environment:
#   ACTORS_DB              database on the local server, created if missing (default actors_local)
#   ACTORS_CLUSTER_ID      Orleans cluster id (default actors-local)
#   ACTORS_CONFIGURATION   Debug or Release (default Debug)
#   ACTORS_SILO_PORT, ACTORS_GATEWAY_PORT, ACTORS_HTTP_PORT   first ports (defaults 11111, 30000, 8080)
#   ACTORS_API_GRPC_PORT, ACTORS_API_HTTP_PORT                 the gRPC gateway's ports (defaults 5080, 5081)
#   ACTORS_DASHBOARD_PORT  first dashboard port (default 8180)
#   ACTORS_STOP_GRACE      seconds to wait after SIGTERM before SIGKILL (default 30)
set -euo pipefail
# Job control: every process started below gets a process group of its own, so Ctrl-C in the terminal reaches only
# this script, which then stops the processes in order instead of all of them being interrupted at once.
set -m

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

SILOS="${1:-3}"
DB="${ACTORS_DB:-actors_local}"
CLUSTER_ID="${ACTORS_CLUSTER_ID:-actors-local}"
CONFIG="${ACTORS_CONFIGURATION:-Debug}"
SILO_PORT="${ACTORS_SILO_PORT:-11111}"
GATEWAY_PORT="${ACTORS_GATEWAY_PORT:-30000}"
HTTP_PORT="${ACTORS_HTTP_PORT:-8080}"
API_GRPC_PORT="${ACTORS_API_GRPC_PORT:-5080}"
API_HTTP_PORT="${ACTORS_API_HTTP_PORT:-5081}"
DASHBOARD_PORT="${ACTORS_DASHBOARD_PORT:-8180}"
GRACE="${ACTORS_STOP_GRACE:-30}"
RUN_DIR="$ROOT/.run"

[[ "$SILOS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [number of silos]" >&2; exit 2; }
mkdir -p "$RUN_DIR"

PIDS=()
NAMES=()

log() { echo "[run-local] $*"; }

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
  log "all stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# --- Database ------------------------------------------------------------------------------------------------------
ADMIN_URL="$(scripts/pg.sh start)"
PSQL="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)"
PG_PORT="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ADMIN_URL")"
if ! "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE $DB"
fi
CONNECTION_STRING="${ADMIN_URL/Database=postgres/Database=$DB}"
log "database: $CONNECTION_STRING"

# --- Build once ----------------------------------------------------------------------------------------------------
log "building the silo, the gateway and the CLI ($CONFIG)..."
: >"$RUN_DIR/build.log"
for project in silo/Actors.Silo gateway/Actors.Gateway tools/Actors.Cli; do
  dotnet build "$project" -c "$CONFIG" --nologo -v quiet -clp:ErrorsOnly >>"$RUN_DIR/build.log" 2>&1 \
    || { cat "$RUN_DIR/build.log" >&2; exit 1; }
done
SILO_DLL="$ROOT/silo/Actors.Silo/bin/$CONFIG/net10.0/Actors.Silo.dll"
GATEWAY_DLL="$ROOT/gateway/Actors.Gateway/bin/$CONFIG/net10.0/Actors.Gateway.dll"
CLI_DLL="$ROOT/tools/Actors.Cli/bin/$CONFIG/net10.0/actors.dll"

# --- Cluster TLS: a throw-away CA and certificates per run (ClusterTls:*, docs/operations.md) -------------------------
CERTS="$RUN_DIR/certs"
rm -rf "$CERTS" && dotnet "$CLI_DLL" dev-certs --out "$CERTS" >/dev/null
SILO_TLS=("ClusterTls__CertificatePath=$CERTS/silo.crt" "ClusterTls__KeyPath=$CERTS/silo.key" "ClusterTls__CaPath=$CERTS/ca.crt")
GATEWAY_TLS=("ClusterTls__CertificatePath=$CERTS/gateway.crt" "ClusterTls__KeyPath=$CERTS/gateway.key" "ClusterTls__CaPath=$CERTS/ca.crt")

# --- Tokens: a development key pair per run (`actors token` signs with it, the gateway trusts its public half), plus
# the HMAC development switch for tools that still sign with .run/jwt-signing-key (docs/api.md, "Authentication").
dotnet "$CLI_DLL" dev-signing-key --out "$RUN_DIR" >/dev/null
GATEWAY_TOKENS=("Jwt__PublicKeyPaths__0=$RUN_DIR/dev-signing-key.pub.pem" "Jwt__AllowHmac=true")

# --- Silos ---------------------------------------------------------------------------------------------------------
STARTED_AT="$("$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -tAc "SELECT now()")"
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
    DOTNET_ENVIRONMENT=Development
  log "silo-$i (pid ${PIDS[-1]}): silo 127.0.0.1:$silo_port, gateway 127.0.0.1:$gateway_port, http://127.0.0.1:$http_port, log .run/silo-$i.log"
done

# --- Wait for the cluster, then for Ctrl-C ---------------------------------------------------------------------------
active_silos() {
  "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -tAc \
    "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = '$CLUSTER_ID' AND Status = 3 AND StartTime >= '$STARTED_AT'" 2>/dev/null || echo 0
}
deadline=$((SECONDS + 120))
until [[ "$(active_silos)" == "$SILOS" ]]; do
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} exited during start-up; last lines of .run/${NAMES[$i]}.log:"
      tail -n 20 "$RUN_DIR/${NAMES[$i]}.log" >&2
      exit 1
    fi
  done
  if ((SECONDS >= deadline)); then
    log "the silos did not all join within 120 s; see .run/*.log"
    exit 1
  fi
  sleep 0.5
done
log "cluster '$CLUSTER_ID' is up: $SILOS silo(s) Active in the membership table."
for ((i = 1; i <= SILOS; i++)); do
  log "silo-$i: dashboard http://127.0.0.1:$((DASHBOARD_PORT + i - 1))/dashboard/  metrics http://127.0.0.1:$((HTTP_PORT + i - 1))/metrics  ready http://127.0.0.1:$((HTTP_PORT + i - 1))/health/ready"
done

# --- Gateway -------------------------------------------------------------------------------------------------------
# Started last, so that Ctrl-C stops it first. A fresh signing key per run: tokens from an earlier run stop working.
require_free_port "$API_GRPC_PORT"; require_free_port "$API_HTTP_PORT"
(umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$RUN_DIR/jwt-signing-key")
start_process gateway "$GATEWAY_DLL" \
  ConnectionStrings__Actors="$CONNECTION_STRING" \
  Orleans__ClusterId="$CLUSTER_ID" \
  Gateway__GrpcPort="$API_GRPC_PORT" \
  Gateway__HttpPort="$API_HTTP_PORT" \
  Jwt__SigningKey="$(cat "$RUN_DIR/jwt-signing-key")" \
  "${GATEWAY_TLS[@]}" \
  "${GATEWAY_TOKENS[@]}" \
  DOTNET_ENVIRONMENT=Development
deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$API_HTTP_PORT/health/ready" >/dev/null 2>&1; do
  if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then
    log "the gateway exited during start-up; last lines of .run/gateway.log:"
    tail -n 20 "$RUN_DIR/gateway.log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    log "the gateway was not ready within 60 s; see .run/gateway.log"
    exit 1
  fi
  sleep 0.5
done
log "gateway (pid ${PIDS[-1]}) is ready: gRPC h2c http://127.0.0.1:$API_GRPC_PORT, gRPC-Web/health/metrics http://127.0.0.1:$API_HTTP_PORT, log .run/gateway.log"
log "  play a lesson:  dotnet $CLI_DLL lesson --gateway http://127.0.0.1:$API_GRPC_PORT"
log "  mint a token:   dotnet $CLI_DLL token --user student-1 --role student"
log "Ctrl-C stops everything."

# Returns when a process exits (reported) or a signal arrives (the trap stops everything).
while ((${#PIDS[@]} > 0)); do
  wait -n "${PIDS[@]}" || true
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} (pid ${PIDS[$i]}) exited; see .run/${NAMES[$i]}.log"
      rm -f "$RUN_DIR/${NAMES[$i]}.pid"
      unset 'PIDS[i]' 'NAMES[i]'
      PIDS=("${PIDS[@]}") NAMES=("${NAMES[@]}")
      break
    fi
  done
done
