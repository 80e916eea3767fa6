#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL server (started here if it is not running).
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Storage".
# On a failure the last lines printed name every failed test with the first lines of its message, because a CI log
# is often read from its tail and `dotnet test` prints a failure where it happens, among thousands of passing lines.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/pg.sh start >/dev/null

log="$(mktemp -t actors-test.XXXXXX.log)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test Actors.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  echo
  echo "=== scripts/test.sh: dotnet test exited with $rc; what failed ==="
  # A failed test: its name line, then up to 4 lines of its error message. Also an aborted or crashed test host,
  # a build error, and each project's failed summary line.
  awk '
    /^[[:space:]]+Failed [A-Za-z_]/ { print; grab = 5; next }
    grab > 0 && /Stack Trace:|Standard Output Messages:/ { grab = 0 }
    grab > 0 { print; grab--; next }
    /Test Run Aborted|test host process crashed|Test host process exited|The active test run was aborted|: error [A-Z]+[0-9]+|^Failed! / { print }
  ' "$log" | cut -c1-400 | tail -n 60
fi
exit "$rc"
