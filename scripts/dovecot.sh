#!/usr/bin/env bash
# A throwaway Dovecot IMAP server for the mail tests (issue 11), on 127.0.0.1 only.
#
#   scripts/dovecot.sh start DIR PORT   write DIR/dovecot.conf, a user and a Maildir, start it;
#                                       prints the FOLLOWTHROUGH_TEST_IMAP_* variables to export
#   scripts/dovecot.sh stop DIR         stop it (DIR is left for the caller to remove)
#
# Plain IMAP without TLS: it listens on loopback only, for a test run, and is gone after.
# As root the mail processes run as the `dovecot` user the package made (Dovecot
# refuses root logins); otherwise everything runs as the current user.
set -euo pipefail

IMAP_USER=sam
IMAP_PASSWORD=followthrough-test

dovecot_binary() {
  command -v dovecot 2>/dev/null || { [ -x /usr/sbin/dovecot ] && echo /usr/sbin/dovecot; }
}

start() {
  local dir="$1" port="$2" bin mail_user mail_group
  bin="$(dovecot_binary)" || { echo "dovecot is not installed" >&2; return 1; }
  if [ "$(id -u)" -eq 0 ]; then
    mail_user=dovecot; mail_group=dovecot
    id "$mail_user" >/dev/null 2>&1 || { echo "there is no dovecot user" >&2; return 1; }
  else
    mail_user="$(id -un)"; mail_group="$(id -gn)"
  fi
  mkdir -p "$dir/run" "$dir/state" "$dir/home/$IMAP_USER/Maildir/"{new,cur,tmp}
  chmod 755 "$dir"
  printf '%s:{PLAIN}%s::::::\n' "$IMAP_USER" "$IMAP_PASSWORD" >"$dir/users"
  local login_users=""
  if [ "$(id -u)" -ne 0 ]; then
    login_users="default_login_user = $mail_user
default_internal_user = $mail_user"
  else
    chown -R "$mail_user:$mail_group" "$dir/home" "$dir/state"
  fi
  cat >"$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
$login_users
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=$mail_user gid=$mail_group home=$dir/home/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
  # The daemon must not keep our stdout open: callers read it to its end.
  "$bin" -c "$dir/dovecot.conf" </dev/null >/dev/null 2>"$dir/start.err" \
    || { cat "$dir/start.err" "$dir/dovecot.log" >&2 2>/dev/null; return 1; }
  local tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { echo "Dovecot did not start listening" >&2; cat "$dir/dovecot.log" >&2; return 1; }
    sleep 0.1
  done
  printf 'FOLLOWTHROUGH_TEST_IMAP=127.0.0.1:%s\n' "$port"
  printf 'FOLLOWTHROUGH_TEST_IMAP_USER=%s\n' "$IMAP_USER"
  printf 'FOLLOWTHROUGH_TEST_IMAP_PASSWORD=%s\n' "$IMAP_PASSWORD"
  printf 'FOLLOWTHROUGH_TEST_IMAP_MAILDIR=%s\n' "$dir/home/$IMAP_USER/Maildir"
  printf 'FOLLOWTHROUGH_TEST_IMAP_MAIL_OWNER=%s\n' "$(id -u "$mail_user"):$(id -g "$mail_user")"
}

stop() {
  local dir="$1" bin
  bin="$(dovecot_binary)" || return 0
  [ -f "$dir/dovecot.conf" ] && "$bin" -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
