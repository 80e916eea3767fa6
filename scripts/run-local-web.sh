# Sourced by scripts/run-local.sh: the browser app (web/) on the local system, and the development sign-in that
# stands in for a school's identity provider (Gateway:DevSignIn, listing scripts/demo/sign-in-users.json).
#   ACTORS_WEB        build (default): build web/ (npm ci the first time) and have the gateway serve it on its HTTP port
#                     dev: the Vite dev server on ACTORS_WEB_PORT, passing API calls to the gateway (live reload)
#                     off: no web app, no sign-in page
#   ACTORS_WEB_PORT   the dev server's port (default 5173)
WEB_MODE="${ACTORS_WEB:-build}"
WEB_PORT="${ACTORS_WEB_PORT:-5173}"
WEB_URL=""
# Extra settings for the gateway process.
WEB_GATEWAY_ENV=()

# Before the gateway starts: install and build the app, and choose what the gateway serves.
web_prepare() {
  case "$WEB_MODE" in
    off) return 0 ;;
    build | dev) ;;
    *) echo "[run-local] ACTORS_WEB must be build, dev or off, not '$WEB_MODE'" >&2; exit 2 ;;
  esac
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found: starting without the web app (it needs Node.js 20 and npm)"
    WEB_MODE=off
    return 0
  fi
  : >"$RUN_DIR/web-build.log"
  if [[ ! -d "$ROOT/web/node_modules" ]]; then
    log "installing the web app's packages (npm ci)..."
    (cd "$ROOT/web" && npm ci --no-audit --no-fund) >>"$RUN_DIR/web-build.log" 2>&1 || { cat "$RUN_DIR/web-build.log" >&2; exit 1; }
  fi
  if [[ "$WEB_MODE" == build ]]; then
    log "building the web app..."
    (cd "$ROOT/web" && npm run build) >>"$RUN_DIR/web-build.log" 2>&1 || { cat "$RUN_DIR/web-build.log" >&2; exit 1; }
    WEB_GATEWAY_ENV+=(Gateway__WebApp__Root="$ROOT/web/dist")
  else
    (cd "$ROOT/web" && npm run generate) >>"$RUN_DIR/web-build.log" 2>&1 || { cat "$RUN_DIR/web-build.log" >&2; exit 1; }
    require_free_port "$WEB_PORT"
  fi
  # The sign-in signs with the run's development key pair (made before the gateway starts; run-local.sh).
  WEB_GATEWAY_ENV+=(Gateway__DevSignIn__Enabled=true Gateway__DevSignIn__UsersFile="$ROOT/scripts/demo/sign-in-users.json"
    Gateway__DevSignIn__SigningKeyPath="$RUN_DIR/dev-signing-key.pem")
}

# After the gateway is ready: start the dev server if asked for, and say where the app is.
web_start() {
  case "$WEB_MODE" in
    off) return 0 ;;
    build) WEB_URL="http://127.0.0.1:$API_HTTP_PORT/" ;;
    dev)
      (cd "$ROOT/web" && exec env ACTORS_WEB_PORT="$WEB_PORT" ACTORS_GATEWAY_URL="http://127.0.0.1:$API_HTTP_PORT" \
        node_modules/.bin/vite --clearScreen false) >"$RUN_DIR/web.log" 2>&1 &
      PIDS+=("$!")
      NAMES+=(web)
      echo "$!" >"$RUN_DIR/web.pid"
      local deadline=$((SECONDS + 60))
      until curl -fsS "http://127.0.0.1:$WEB_PORT/" >/dev/null 2>&1; do
        kill -0 "${PIDS[-1]}" 2>/dev/null || { log "the web dev server exited; see .run/web.log"; tail -n 20 "$RUN_DIR/web.log" >&2; exit 1; }
        ((SECONDS < deadline)) || { log "the web dev server did not answer within 60 s; see .run/web.log"; exit 1; }
        sleep 0.5
      done
      WEB_URL="http://127.0.0.1:$WEB_PORT/"
      ;;
  esac
  log "web app: $WEB_URL  (development sign-in: pick a demo teacher or student; open a second window for another user)"
}
