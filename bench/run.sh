#!/usr/bin/env bash
# The benchmark in one command: builds what it needs, prints one table and the budget checks.
# Options are those of bench/run.cjs (e.g. --smoke, --sizes 6k,1m, --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node bench/run.cjs "$@"
