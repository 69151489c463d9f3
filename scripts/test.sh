#!/usr/bin/env bash
# `make test`: install what the tests need, run ruff, then the whole suite twice:
# on SQLite, and on a throwaway PostgreSQL server started on loopback for the run.
# A throwaway Dovecot IMAP server on loopback serves the mail tests in both runs.
#
# As root with apt-get, it installs what is missing: python3-venv, Debian's
# chromium (Playwright drives /usr/bin/chromium; never `playwright install`) and
# postgresql and dovecot-imapd. Without them it says so in one line and runs what it can. Each suite
# run gets its own empty FOLLOWTHROUGH_HOME, so no test touches a user's data.
# Extra arguments go to pytest: `scripts/test.sh tests/test_demo.py -x`.
# The exit status is non-zero when ruff or either suite run fails.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=scripts/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ROOT"

TEMP_HOMES=()
failed=0
summary=()

cleanup() {
  stop_dovecot
  stop_postgres
  for home in "${TEMP_HOMES[@]}"; do rm -rf "$home"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium \
      || say "Chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be skipped."
  fi
  install_postgres
}

# --- Dovecot: the IMAP server of the mail tests (issue 11) -----------------------------
# install_dovecot installs Debian's dovecot-imapd when it is missing (as root with apt-get);
# start_dovecot starts a throwaway server on 127.0.0.1 (scripts/dovecot.sh: own config,
# user and Maildir in a temporary folder, a free port) and fills DOVECOT_ENV with the
# FOLLOWTHROUGH_TEST_IMAP_* variables for pytest. When it cannot, DOVECOT_ENV carries
# FOLLOWTHROUGH_TEST_IMAP_SKIP (one line why): the IMAP tests skip with it, or fail under CI.
DOVECOT_TMP=""
DOVECOT_ENV=()
DOVECOT_PORT_FIRST=14330

dovecot_installed() { command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; }

install_dovecot() {
  dovecot_installed || apt_install dovecot-imapd || true
}

start_dovecot() {
  local reason="" port line output
  if ! dovecot_installed; then
    reason="Dovecot (dovecot-imapd) is not installed and cannot be installed here (needs root and apt-get)"
  else
    DOVECOT_TMP="$(mktemp -d "${TMPDIR:-/tmp}/followthrough-dovecot.XXXXXX")"
    port="$(free_port "$DOVECOT_PORT_FIRST")"
    if [ -z "$port" ]; then
      reason="no free port on 127.0.0.1 for Dovecot from $DOVECOT_PORT_FIRST on"
    elif ! output="$(bash "$ROOT/scripts/dovecot.sh" start "$DOVECOT_TMP" "$port")"; then
      reason="Dovecot did not start (its log is above)"
    else
      while IFS= read -r line; do DOVECOT_ENV+=("$line"); done <<<"$output"
      say "Dovecot is running on 127.0.0.1:$port (mail tests)"
      return 0
    fi
  fi
  say "IMAP tests: $reason; they will be skipped (never under CI)."
  DOVECOT_ENV=("FOLLOWTHROUGH_TEST_IMAP_SKIP=$reason")
  return 1
}

stop_dovecot() {
  if [ -n "$DOVECOT_TMP" ]; then
    bash "$ROOT/scripts/dovecot.sh" stop "$DOVECOT_TMP" || true
    rm -rf "$DOVECOT_TMP"
  fi
}
# --- end of Dovecot ---------------------------------------------------------------------

# run_suite LABEL [VAR=VALUE...]: the whole pytest suite with a fresh data folder.
run_suite() {
  local label="$1" home status=0
  shift
  home="$(mktemp -d "${TMPDIR:-/tmp}/followthrough-test-home.XXXXXX")"
  TEMP_HOMES+=("$home")
  say "pytest on $label"
  env -u DATABASE_URL FOLLOWTHROUGH_HOME="$home" "$@" \
    "$VENV/bin/python" -m pytest -p no:cacheprovider "${PYTEST_ARGS[@]}" || status=$?
  case "$status" in
    0) summary+=("$label: passed") ;;
    5) summary+=("$label: FAILED (pytest collected no tests)"); failed=1 ;;
    *) summary+=("$label: FAILED (pytest exit status $status)"); failed=1 ;;
  esac
}

PYTEST_ARGS=("$@")
ensure_venv test
install_missing
install_dovecot
start_dovecot || true

say "ruff check ."
if "$VENV/bin/ruff" check .; then
  summary+=("ruff: clean")
else
  summary+=("ruff: FAILED"); failed=1
fi

run_suite SQLite "${DOVECOT_ENV[@]}"

if start_postgres; then
  run_suite PostgreSQL "DATABASE_URL=$DATABASE_URL_PG" "${DOVECOT_ENV[@]}"
else
  say "PostgreSQL: not run: $PG_REASON; the suite ran on SQLite only."
  summary+=("PostgreSQL: not run ($PG_REASON)")
fi

say "Summary:"
for line in "${summary[@]}"; do say "  $line"; done
exit "$failed"
