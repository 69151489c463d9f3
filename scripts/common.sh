# shellcheck shell=bash
# Shared by scripts/run.sh, scripts/test.sh and scripts/loadtest.sh (sourced, not run).
#
# ensure_venv [EXTRAS]: make .venv (installing Debian's python3-venv first when it
# is missing and we are root) and `pip install -e .[EXTRAS]` into it. The install
# is skipped while pyproject.toml is unchanged since the last one (a stamp file in
# .venv), so a second `make run` starts at once.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
_APT_UPDATED=0

say() { printf '==> %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# apt_install PACKAGE...: install with apt-get when we are root and have it.
# Returns 1 (printing nothing) when this machine cannot: the caller says what that means.
apt_install() {
  is_root && command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$_APT_UPDATED" -eq 0 ]; then
    say "apt-get update"
    apt-get update -qq >&2 || return 1
    _APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

_python_can_make_venvs() {
  # Debian ships the venv module without ensurepip unless python3-venv is installed.
  "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1
}

_make_venv() {
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    say "$PYTHON is not installed; install Python 3.11 or newer (Debian: apt-get install python3)."
    return 1
  fi
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    say "Followthrough needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)."
    return 1
  fi
  if ! _python_can_make_venvs; then
    if ! apt_install python3-venv || ! _python_can_make_venvs; then
      say "$PYTHON cannot make a virtual environment; install python3-venv (as root: apt-get install python3-venv) and try again."
      return 1
    fi
  fi
  say "Creating .venv with $("$PYTHON" -V 2>&1)"
  if ! "$PYTHON" -m venv "$VENV"; then
    rm -rf "$VENV"  # only what this attempt made: .venv did not exist before it
    return 1
  fi
}

_venv_works() {
  "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
    && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

ensure_venv() {
  local extras="${1:-}" spec="." sum stamp="$VENV/.installed"
  [ -n "$extras" ] && spec=".[$extras]"
  if [ ! -e "$VENV" ]; then
    _make_venv || return 1
  elif ! _venv_works; then
    # Never delete a folder we did not just make: say how to start afresh instead.
    say ".venv exists but has no working Python 3.11+ with pip (made by another Python?);" \
      "remove it with \`make clean\` and try again."
    return 1
  fi
  # The stamp holds the checksum of pyproject.toml and the extras installed with it;
  # an install with the test extras also serves a plain one.
  sum="$(cksum <"$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ -f "$stamp" ]; then
    case "$(cat "$stamp")" in
      "$sum $extras" | "$sum test") return 0 ;;
    esac
  fi
  say "pip install -e '$spec' (into .venv)"
  (cd "$ROOT" && "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e "$spec") \
    || return 1
  printf '%s %s\n' "$sum" "$extras" >"$stamp"
}

# free_port FIRST: the first port from FIRST on (50 tried) that 127.0.0.1 can bind.
free_port() {
  "$VENV/bin/python" - "$1" <<'PY'
import socket, sys
first = int(sys.argv[1])
for port in range(first, first + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
PY
}
