#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL server (started here if it is not running).
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Storage".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/pg.sh start >/dev/null
dotnet test Actors.sln -c Release --logger "console;verbosity=normal" "$@"
