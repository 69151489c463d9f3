# shellcheck shell=bash
# A throwaway PostgreSQL server on loopback, for scripts/test.sh and scripts/loadtest.sh
# (sourced after scripts/common.sh, not run).
#
# install_postgres installs Debian's postgresql when it is missing (as root with apt-get).
# start_postgres makes a fresh cluster in a temporary folder, listening on 127.0.0.1 only
# on a free port from PG_PORT_FIRST on, with a role and a database; it sets
# DATABASE_URL_PG, or PG_REASON (one line why) and returns 1. stop_postgres stops it and
# removes the folder: call it from the caller's EXIT trap.

PG_PORT_FIRST="${PG_PORT_FIRST:-54329}"
PG_USER=followthrough
PG_PASSWORD=followthrough
PG_DB=followthrough
PG_TMP=""
PG_BIN=""
PG_RUN_AS=()
PG_REASON=""
PG_OPTIONS=""
DATABASE_URL_PG=""

postgres_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && printf '%s\n' "$dir"
}

install_postgres() {
  [ -n "$(postgres_bin)" ] || apt_install postgresql || true
}

# start_postgres: extra server settings may be given in PG_OPTIONS ("-c max_connections=200").
start_postgres() {
  PG_BIN="$(postgres_bin)"
  if [ -z "$PG_BIN" ]; then
    PG_REASON="PostgreSQL is not installed and cannot be installed here (needs root and apt-get)"
    return 1
  fi
  PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/followthrough-pg.XXXXXX")"
  chmod 755 "$PG_TMP"
  if is_root; then
    # PostgreSQL refuses to run as root: run it as the postgres user the package made.
    if ! id postgres >/dev/null 2>&1; then
      PG_REASON="PostgreSQL cannot run as root and there is no postgres user"
      return 1
    fi
    chown postgres: "$PG_TMP"
    if command -v runuser >/dev/null 2>&1; then
      PG_RUN_AS=(runuser -u postgres --)
    else
      PG_RUN_AS=(su postgres -s /bin/sh -c '"$0" "$@"')
    fi
  else
    PG_RUN_AS=(env)
  fi
  local port
  port="$(free_port "$PG_PORT_FIRST")"
  [ -n "$port" ] || { PG_REASON="no free port on 127.0.0.1 from $PG_PORT_FIRST on"; return 1; }
  "${PG_RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PG_TMP/initdb.log" 2>&1 \
    || { PG_REASON="initdb failed (its log is above)"; cat "$PG_TMP/initdb.log" >&2; return 1; }
  # A throwaway server: durability settings off for speed, nothing kept afterwards.
  "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off $PG_OPTIONS" \
    start >/dev/null 2>&1 \
    || { PG_REASON="the server did not start (its log is above)"; cat "$PG_TMP/server.log" >&2
         return 1; }
  "$PG_BIN/psql" -q -h "$PG_TMP" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" \
    -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >/dev/null \
    || { PG_REASON="could not create the test role and database"; return 1; }
  DATABASE_URL_PG="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/$PG_DB"
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "$PG_TMP" ] && [ -f "$PG_TMP/data/postmaster.pid" ]; then
    "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$PG_TMP" ] && rm -rf "$PG_TMP"
  PG_TMP=""
}
