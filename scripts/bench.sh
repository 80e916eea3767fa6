#!/usr/bin/env bash
# Runs the benchmark suite (tests/Actors.Benchmarks) in Release and prints its table; arguments go to the suite:
#   scripts/bench.sh                          the full run (under 10 minutes on 2 cores)
#   scripts/bench.sh --quick                  a smoke run of seconds (not figures)
#   scripts/bench.sh --json results.json      also write the rows (the input of `capacity --from`)
#   scripts/bench.sh capacity --from results.json --update docs/capacity.md
# It starts a PostgreSQL server of its own (scripts/pg.sh on a free port, fsync on) and stops it at the end; it needs
# only PostgreSQL's binaries (.ci/run installs them). Take figures on a quiet machine: see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project tests/Actors.Benchmarks -- "$@"
