#!/usr/bin/env bash
# shellcheck disable=SC2317  # the trap handlers below are only called indirectly
# Builds and runs the Multica server on this machine.
# Arguments go to the app, e.g. ./run.sh --bootstrap
# Without DATABASE_URL / ConnectionStrings__Postgres it runs a private
# PostgreSQL cluster in .data/postgres. Redis is used only if REDIS_URL is set.
#
# Behaves like a service: TERM or Ctrl-C stops the server, then the private
# cluster (once no other ./run.sh of this checkout, e.g. a --bootstrap, uses
# it). Without PORT / ASPNETCORE_URLS the server takes the next free port from
# 8080 and moves on when another program won the bind (./run.sh in two
# checkouts at once). scripts/run-sh-check.sh checks all of this.
# MULTICA_RUN_DIR overrides .data/ (the cluster, the lock and the user list).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/dotnet.sh
. scripts/lib/postgres.sh
. scripts/lib/server-env.sh

DATA=${MULTICA_RUN_DIR:-$ROOT/.data}
PG_USERS="$DATA/postgres.users"   # one file per ./run.sh using the private cluster
PG_STARTED_HERE=0
PG_IN_USE=0
APP_PID=""
STOPPING=0
APP_LOG=""

mkdir -p "$DATA"
# Start-up and shutdown of the shared cluster (and the build) run one ./run.sh at a time.
exec 9>"$DATA/run.lock"
lock()   { if command -v flock >/dev/null 2>&1; then flock 9; fi; }
unlock() { if command -v flock >/dev/null 2>&1; then flock -u 9; fi; }

# Stops the app, then the private cluster when this was its last user and a ./run.sh started it.
cleanup() {
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  if [ "$PG_IN_USE" = 1 ]; then
    lock
    rm -f "$PG_USERS/$$"
    local f others=0
    for f in "$PG_USERS"/*; do
      [ -e "$f" ] || continue
      if kill -0 "$(basename "$f")" 2>/dev/null; then others=$((others + 1)); else rm -f "$f"; fi
    done
    if [ "$others" = 0 ] && [ -e "$PG_USERS/.started-by-run" ]; then
      stop_private_postgres "$DATA/postgres"
      rm -f "$PG_USERS/.started-by-run"
    elif [ "$others" -gt 0 ]; then
      log "PostgreSQL stays up: $others other ./run.sh still use it"
    fi
    unlock
  fi
  if [ -n "$APP_LOG" ]; then rm -f "$APP_LOG"; fi
}
# On Ctrl-C / TERM: ask the app to shut down gracefully; the EXIT trap does the rest.
on_signal() {
  STOPPING=1
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
  else
    exit "$1"
  fi
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

ensure_dotnet || die "cannot run without the .NET 10 SDK"

lock
db_note="from the environment"
if [ -z "${DATABASE_URL:-}" ] && [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ensure_postgres_installed || die "PostgreSQL is needed (or set DATABASE_URL)"
  mkdir -p "$PG_USERS"
  # Another program may take the free port before the cluster binds it: try the next one.
  started=0
  for _ in 1 2 3 4 5; do
    pg_port=$(find_free_port "${pg_port:-54329}") || die "no free port for PostgreSQL"
    if start_private_postgres "$DATA/postgres" "$pg_port" multica; then started=1; break; fi
    pg_port=$((pg_port + 1))
  done
  [ "$started" = 1 ] || die "could not start PostgreSQL"
  touch "$PG_USERS/$$"
  PG_IN_USE=1
  if [ "$PG_STARTED_HERE" = 1 ]; then touch "$PG_USERS/.started-by-run"; fi
  export DATABASE_URL="postgres://multica:multica@127.0.0.1:$PG_PORT/multica?sslmode=disable"
  db_note="private cluster in $PG_DATA_DIR, port $PG_PORT"
fi

log "building src/WebApi (Release)"
dotnet build src/WebApi/Multica.WebApi.csproj -c Release -nologo -v minimal
unlock

# Run from the project folder so appsettings*.json and wwwroot are found, as
# with 'dotnet run'. The app is this script's direct child, so signals reach it.
dll=src/WebApi/bin/Release/net10.0/Multica.WebApi.dll
[ -f "$dll" ] || die "the build left no $dll"

# A listen address given by the user is used as is; otherwise the next free port from 8080, and on a lost bind
# race the next one. One-shot verbs (--bootstrap, --migrate) keep 8080: they print URLs, they do not listen.
port_given=0
if [ -n "${PORT:-}" ] || [ -n "${ASPNETCORE_URLS:-}" ]; then port_given=1; fi
case " $* " in *" --bootstrap "*|*" --migrate "*) port_given=1 ;; esac
port=${PORT:-8080}
APP_LOG=$(mktemp "${TMPDIR:-/tmp}/multica-run.XXXXXX")

for attempt in $(seq 1 20); do
  if [ "$port_given" = 0 ]; then
    port=$(find_free_port "$port") || die "no free port for the server"
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
  fi
  export PORT=$port
  export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:$PORT}

  if [ "$attempt" = 1 ]; then
    url=${ASPNETCORE_URLS%%;*}
    cat <<INFO

  Multica server: $ASPNETCORE_URLS
  Database:       ${db_note}
  Redis:          ${REDIS_URL:-none (REDIS_URL not set; running without Redis)}

  Sign in (dev mode): any email works with the code 888888:
    curl -X POST $url/auth/send-code   -H 'Content-Type: application/json' -d '{"email":"me@example.com"}'
    curl -X POST $url/auth/verify-code -H 'Content-Type: application/json' -d '{"email":"me@example.com","code":"888888"}'
  Or run ./run.sh --bootstrap to create a user + workspace + API token.

INFO
  fi

  : > "$APP_LOG"
  (cd src/WebApi && exec dotnet "${dll#src/WebApi/}" "$@") > >(tee -a "$APP_LOG") 2>&1 &
  APP_PID=$!

  # 'wait' returns early when a trapped signal arrives; keep waiting for the app.
  set +e
  while :; do
    wait "$APP_PID"
    status=$?
    kill -0 "$APP_PID" 2>/dev/null || break
  done
  set -e
  APP_PID=""

  if [ "$STOPPING" = 0 ] && [ "$port_given" = 0 ] && [ "$status" != 0 ] &&
     grep -qi "address already in use" "$APP_LOG"; then
    warn "port $port was taken while the server started; trying the next one"
    port=$((port + 1))
    unset ASPNETCORE_URLS
    continue
  fi
  break
done
exit "$status"
