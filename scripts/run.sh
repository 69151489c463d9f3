#!/usr/bin/env bash
# `make run`: set up .venv if needed, optionally fill a demo workspace (DEMO=1),
# then serve the app with waitress on http://127.0.0.1:8000 (FOLLOWTHROUGH_PORT to change).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

ensure_venv ""

if [ "${DEMO:-}" = 1 ]; then
  # The demo fills an empty workspace only; with data already there it is skipped.
  if ! output="$("$VENV/bin/followthrough" demo 2>&1)"; then
    if [[ "$output" == *"already has data"* ]]; then
      say "Demo skipped: the workspace already has data."
    else
      printf '%s\n' "$output" >&2
      exit 1
    fi
  else
    printf '%s\n' "$output"
  fi
fi

exec "$VENV/bin/followthrough" serve
