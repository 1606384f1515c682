#!/usr/bin/env bash
# Helpers to run a private PostgreSQL cluster for this project (dev server and
# tests), separate from any system-wide PostgreSQL. Source it; do not run it.
#
#   ensure_postgres_installed            -> exports PG_BIN
#   start_private_postgres [--throwaway] DATA_DIR PORT [DBNAME]
#                                        -> exports PG_DATA_DIR, PG_PORT, PG_STARTED_HERE
#   stop_private_postgres DATA_DIR
#   find_free_port START                 (from common.sh)
#
# When run as root the server runs as the 'postgres' OS user (postgres refuses
# to run as root). If that user cannot reach DATA_DIR (e.g. the project lives
# under /root), the cluster goes to /tmp/multica-pg-<hash of DATA_DIR> instead.

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_ROLE=multica
PG_ROLE_PASSWORD=multica

# Prints the bin dir of the newest PostgreSQL found, or fails.
_pg_find_bin() {
  local d best=""
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/initdb" ]; then
    echo "$PG_BIN"
    return 0
  fi
  # Debian/Ubuntu keep the server tools off PATH, one folder per major version.
  best=$(for d in /usr/lib/postgresql/*/bin; do
           if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
         done | sort -V | tail -n 1)
  if [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    best=$(dirname "$(command -v pg_ctl)")
  fi
  [ -n "$best" ] && echo "$best"
}

ensure_postgres_installed() {
  if ! PG_BIN=$(_pg_find_bin); then
    log "PostgreSQL server not found; installing it with apt-get"
    apt_install postgresql || { warn "could not install postgresql"; return 1; }
    PG_BIN=$(_pg_find_bin) || { warn "postgresql installed but pg_ctl/initdb not found"; return 1; }
  fi
  export PG_BIN
}

# Runs a command as the cluster's owner: 'postgres' when we are root, else us.
_pg_as_owner() {
  if ! is_root; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    # cd / : postgres may not be allowed into the caller's working directory.
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
  fi
}

_pg_ensure_os_user() {
  id -u postgres >/dev/null 2>&1 && return 0
  log "creating the 'postgres' OS user to own the private cluster"
  useradd -r -m -d /var/lib/postgresql -s /bin/sh postgres >&2
}

# Prints the data dir actually used for the requested one (see header).
_pg_effective_dir() {
  local dir
  dir=$(realpath -m -- "$1")
  if is_root && ! _pg_as_owner test -r "$dir" -a -w "$dir" -a -x "$dir" 2>/dev/null; then
    echo "/tmp/multica-pg-$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
  else
    echo "$dir"
  fi
}

# Creates the data dir with the right owner and prints its effective path.
_pg_prepare_dir() {
  local dir
  dir=$(realpath -m -- "$1")
  mkdir -p "$dir" || return 1
  if is_root; then
    _pg_ensure_os_user || return 1
    chown postgres:postgres "$dir"
    dir=$(_pg_effective_dir "$dir")
    if [ "$dir" != "$(realpath -m -- "$1")" ]; then
      log "the postgres OS user cannot reach $1; using $dir for the cluster"
      mkdir -p "$dir" && chown postgres:postgres "$dir" || return 1
    fi
  fi
  chmod 700 "$dir"
  echo "$dir"
}

# Writes a file inside the data dir, owned by the cluster's owner.
_pg_write() {
  cat > "$1" || return 1
  if is_root; then chown postgres:postgres "$1"; fi
}

_pg_psql() {
  PGSSLMODE=disable PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

start_private_postgres() {
  local throwaway=0
  while [ $# -gt 0 ]; do
    case $1 in
      --throwaway) throwaway=1; shift ;;
      --) shift; break ;;
      -*) warn "start_private_postgres: unknown option $1"; return 2 ;;
      *) break ;;
    esac
  done
  local req=${1:?usage: start_private_postgres [--throwaway] DATA_DIR PORT [DBNAME]}
  local port=${2:?usage: start_private_postgres [--throwaway] DATA_DIR PORT [DBNAME]}
  local db=${3:-multica} dir out
  if ! [[ $db =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    warn "database name must be a plain identifier: $db"
    return 2
  fi
  ensure_postgres_installed || return 1
  dir=$(_pg_prepare_dir "$req") || return 1
  export PG_DATA_DIR=$dir
  export PG_STARTED_HERE=${PG_STARTED_HERE:-0}

  if [ ! -s "$dir/PG_VERSION" ]; then
    log "initialising a private PostgreSQL cluster in $dir"
    if [ -n "$(ls -A "$dir")" ]; then
      warn "$dir is not empty but holds no cluster; remove it and retry"
      return 1
    fi
    out=$(_pg_as_owner "$PG_BIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C 2>&1) || {
      printf '%s\n' "$out" >&2
      warn "initdb failed"
      return 1
    }
    # Trust is fine: the cluster only listens on loopback and its socket
    # folder is the data dir, which only the owner can enter.
    _pg_write "$dir/pg_hba.conf" <<'HBA'
# Private local cluster: no passwords, loopback TCP and owner-only socket.
local all all              trust
host  all all 127.0.0.1/32 trust
HBA
    echo "include_if_exists = 'multica.conf'" | _pg_as_owner tee -a "$dir/postgresql.conf" >/dev/null
  fi

  if _pg_as_owner "$PG_BIN/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
    # Already running (e.g. a second run.sh): reuse it on whatever port it has.
    port=$(sed -n 4p "$dir/postmaster.pid")
    log "reusing the PostgreSQL cluster already running in $dir on port $port"
  else
    # Unix socket paths are limited to 107 bytes; TCP is all we need anyway.
    local sockdir=$dir
    if [ $(( ${#dir} + 20 )) -gt 107 ]; then sockdir=""; fi
    {
      echo "# Written by scripts/lib/postgres.sh on every start."
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '${sockdir//\'/\'\'}'"
      echo "max_connections = 300"
      # PG_EXTRA_CONF: more settings for this start only (bench/run.sh BENCH_PG_STATS=1 loads pg_stat_statements).
      if [ -n "${PG_EXTRA_CONF:-}" ]; then printf '%s\n' "$PG_EXTRA_CONF"; fi
      if [ "$throwaway" = 1 ]; then
        echo "# Throwaway test cluster: durability traded for speed."
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | _pg_write "$dir/multica.conf"
    log "starting PostgreSQL on 127.0.0.1:$port (log: $dir/postgres.log)"
    if ! _pg_as_owner "$PG_BIN/pg_ctl" start -D "$dir" -l "$dir/postgres.log" -w -t 60 >/dev/null; then
      tail -n 20 "$dir/postgres.log" >&2 || true
      warn "PostgreSQL did not start"
      return 1
    fi
    PG_STARTED_HERE=1
  fi
  export PG_PORT=$port

  local i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    if [ "$i" = 60 ]; then warn "PostgreSQL on port $port is not ready"; return 1; fi
    sleep 0.5
  done

  # Idempotent: create what is missing, then (re)assert the role's rights.
  if [ "$(_pg_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
    _pg_psql -c "CREATE ROLE $PG_ROLE LOGIN" || return 1
  fi
  _pg_psql -c "ALTER ROLE $PG_ROLE LOGIN NOSUPERUSER CREATEDB PASSWORD '$PG_ROLE_PASSWORD'" || return 1
  if [ "$(_pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    _pg_psql -c "CREATE DATABASE \"$db\" OWNER $PG_ROLE" || return 1
  fi
}

stop_private_postgres() {
  local dir
  dir=$(_pg_effective_dir "${1:?usage: stop_private_postgres DATA_DIR}")
  [ -s "$dir/PG_VERSION" ] || return 0
  PG_BIN=$(_pg_find_bin) || return 0
  if _pg_as_owner "$PG_BIN/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
    log "stopping PostgreSQL in $dir"
    _pg_as_owner "$PG_BIN/pg_ctl" stop -D "$dir" -m fast -w -t 60 >/dev/null
  fi
}
