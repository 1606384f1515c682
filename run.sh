#!/usr/bin/env bash
# shellcheck disable=SC2317  # the trap handlers below are only called indirectly
# Builds and runs the Multica server on this machine.
# Arguments go to the app, e.g. ./run.sh --bootstrap
# Without DATABASE_URL / ConnectionStrings__Postgres it runs a private
# PostgreSQL cluster in .data/postgres. Redis is used only if REDIS_URL is set.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/dotnet.sh
. scripts/lib/postgres.sh

PG_STARTED_HERE=0
APP_PID=""

# Stops the app, then the private cluster, but only if this script started it
# (a cluster reused from another run.sh stays up).
cleanup() {
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  if [ "$PG_STARTED_HERE" = 1 ]; then stop_private_postgres "$ROOT/.data/postgres"; fi
}
# On Ctrl-C / TERM: ask the app to shut down gracefully; the EXIT trap does the rest.
on_signal() {
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

db_note="from the environment"
if [ -z "${DATABASE_URL:-}" ] && [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ensure_postgres_installed || die "PostgreSQL is needed (or set DATABASE_URL)"
  pg_port=$(find_free_port 54329) || die "no free port for PostgreSQL"
  start_private_postgres "$ROOT/.data/postgres" "$pg_port" multica || die "could not start PostgreSQL"
  export DATABASE_URL="postgres://multica:multica@127.0.0.1:$PG_PORT/multica?sslmode=disable"
  db_note="private cluster in $PG_DATA_DIR, port $PG_PORT"
fi

export PORT=${PORT:-8080}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:$PORT}

log "building src/WebApi (Release)"
dotnet build src/WebApi/Multica.WebApi.csproj -c Release -nologo -v minimal

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

# Run from the project folder so appsettings*.json and wwwroot are found, as
# with 'dotnet run'. In the background so that signals can be forwarded to it.
dll=bin/Release/net10.0/Multica.WebApi.dll
if [ -f "src/WebApi/$dll" ]; then
  (cd src/WebApi && exec dotnet "$dll" "$@") &
else
  dotnet run --no-build -c Release --project src/WebApi -- "$@" &
fi
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
exit "$status"
