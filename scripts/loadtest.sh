#!/usr/bin/env bash
# The job club load test (issue 14) on a throwaway PostgreSQL: 1,000 members with
# realistic workspaces, `followthrough serve` (waitress) and 100 locust users for
# 2 minutes, all on 127.0.0.1. Prints p95 and errors per endpoint; the exit status is
# non-zero when an endpoint's p95 is over 300 ms or a request failed (bench/load.py).
#
#   scripts/loadtest.sh                                   # the full run, about 6 minutes
#   scripts/loadtest.sh --members 50 --users 10 --time 20s    # a short one
#   FOLLOWTHROUGH_HOSTED=1 scripts/loadtest.sh            # hosted mode: members sign in
#
# Arguments go to bench/load.py (--threads, --wait, --p95, ...). Not part of `make test`
# (tests/test_load_smoke.py runs a 10-second one there). PostgreSQL runs with its
# durability settings on, as a real server would, unlike the test suite's.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=scripts/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ROOT"

trap stop_postgres EXIT
trap 'exit 130' INT TERM

ensure_venv load
install_postgres
PG_PORT_FIRST=54429
PG_OPTIONS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
if ! start_postgres; then
  say "The load test needs PostgreSQL: $PG_REASON."
  exit 2
fi
status=0
DATABASE_URL="$DATABASE_URL_PG" "$VENV/bin/python" bench/load.py "$@" || status=$?
exit "$status"
