#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL store's tests: trust authentication, no TCP,
# its socket and all its files in one directory, no fsync (ACCORD_PG_DURABLE=1: PostgreSQL's
# defaults, every commit flushed, for the benchmark). start prints the libpq URL of its
# database `accord` (superuser `accord`); stop kills the server and deletes the directory.
#   tests/postgresql/cluster.sh start <dir>
#   tests/postgresql/cluster.sh stop <dir>
#   tests/postgresql/cluster.sh restart <dir>   (immediate: as after a crash)
# PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to an unprivileged user
# ($ACCORD_PG_USER, default nobody) and <dir> is handed to that user.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|restart <dir>" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action="$1"
# The marker says a directory is a cluster of this script's, so stop never deletes anything else.
marker=".accord-postgresql-cluster"

bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null \
  | sort -V | tail -n 1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "no PostgreSQL server under /usr/lib/postgresql (Debian package postgresql)" >&2
  exit 1
fi

# Runs a PostgreSQL program as the cluster's owner.
owner=""
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

# A libpq URI takes the socket directory as a percent-encoded query value.
url_encode() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9/._~-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

# Global, not local: the EXIT trap of start reads them.
dir=""
log=""

start_failed() {
  local code=$?
  [ $code -ne 0 ] || return 0
  echo "PostgreSQL cluster in $dir failed to start; server log:" >&2
  cat "$log" >&2 2>/dev/null || true
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -s stop >/dev/null 2>&1 || true
}

start() {
  dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd -P)"
  if [ -e "$dir/data" ]; then
    echo "$dir/data exists: stop that cluster first" >&2
    exit 1
  fi
  # The server's socket, $dir/.s.PGSQL.5432, must fit a sockaddr_un (107 bytes and a NUL).
  if [ $((${#dir} + 14)) -gt 107 ]; then
    echo "$dir is too long a path for a Unix socket" >&2
    exit 1
  fi
  touch "$dir/$marker"
  if [ "$(id -u)" -eq 0 ]; then
    owner="${ACCORD_PG_USER:-nobody}"
    chown "$owner:" "$dir" "$dir/$marker"
    # mktemp -d makes 0700; others (root's clients among them) connect through the socket here.
    chmod 0755 "$dir"
    if ! runuser -u "$owner" -- test -w "$dir"; then
      echo "$owner cannot reach $dir: a directory above it is not searchable by others" >&2
      exit 1
    fi
  fi
  # The programs run as the owner, who may not be allowed into the caller's directory.
  cd "$dir"

  log="$dir/server.log"
  if ! as_owner "$bin/initdb" -D "$dir/data" -U accord --auth=trust --encoding=UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1; then
    echo "initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
  fi
  # Single quotes in a configuration value are doubled.
  cat >>"$dir/data/postgresql.conf" <<EOF

# tests/postgresql/cluster.sh: a throwaway cluster for tests.
listen_addresses = ''
unix_socket_directories = '${dir//\'/\'\'}'
max_connections = 200
EOF
  if [ "${ACCORD_PG_DURABLE:-0}" = 1 ]; then
    # As a deployment runs it (the benchmark): every commit flushed, a realistic cache.
    echo "shared_buffers = 128MB" >>"$dir/data/postgresql.conf"
  else
    printf '%s\n' "fsync = off" "full_page_writes = off" "shared_buffers = 16MB" \
      >>"$dir/data/postgresql.conf"
  fi

  # Whatever fails from here, the server is not left running and its log is shown.
  trap start_failed EXIT
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 60 -s start >/dev/null
  local tries=0
  until as_owner "$bin/pg_isready" -q -h "$dir" -U accord -d postgres; do
    tries=$((tries + 1))
    [ $tries -lt 100 ] || { echo "pg_isready: no answer from $dir" >&2; exit 1; }
    sleep 0.1
  done
  as_owner "$bin/createdb" -h "$dir" -U accord accord
  trap - EXIT
  echo "postgresql://accord@/accord?host=$(url_encode "$dir")"
}

# Is the server of $dir/data running? pg_ctl would count a killed server that nobody has reaped
# yet (a zombie, as under a container's init) as running, and wait for it in vain.
postmaster_alive() {
  local pid state
  pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] || return 1
  state="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d ' ' -f 1)" || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

stop() {
  dir="$1"
  [ -d "$dir" ] || return 0
  dir="$(cd "$dir" && pwd -P)"
  if [ ! -e "$dir/$marker" ]; then
    # Nothing of ours: an empty directory goes, anything else is left alone.
    rmdir "$dir" 2>/dev/null && return 0
    echo "$dir is not a cluster made by $0; not deleting it" >&2
    exit 1
  fi
  cd /
  if [ -f "$dir/data/PG_VERSION" ] && postmaster_alive; then
    owner="$(stat -c %U "$dir/data")"
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1 \
      && postmaster_alive; then
      echo "PostgreSQL in $dir does not stop; server log:" >&2
      cat "$dir/server.log" >&2 2>/dev/null || true
      exit 1
    fi
  fi
  rm -rf "$dir"
}

# Restarts the server at once (-m immediate: as if it crashed), for the tests of what clients do
# when their connections break.
restart() {
  dir="$(cd "$1" && pwd -P)"
  [ -e "$dir/$marker" ] || { echo "$dir is not a cluster made by $0" >&2; exit 1; }
  owner="$(stat -c %U "$dir/data")"
  cd /
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m immediate -w -t 60 -s restart \
    >/dev/null
}

case "$action" in
  start) start "$2" ;;
  restart) restart "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
esac
