#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL and Redis.
#
#   ./test.sh [--local] [dotnet test arguments, e.g. --filter Name~Auth]
#
# By default the integration suite starts PostgreSQL and Redis in containers (Testcontainers), installing and
# starting a Docker engine when there is none (and stopping only one it started), with images built locally
# by deploy/local-images.sh (cached between runs). --local, or a Docker engine that cannot start, runs them as
# local processes instead. A whole-suite run then checks ./run.sh (scripts/run-sh-check.sh) and, on CI, the
# two-node compose stack (deploy/compose-smoke.sh); their checks join the counts. The line before last names
# the mode ("mode: containers" or "mode: local"); the last line is always the plain
# "N passed, N failed[, N skipped]". See docs/testing.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/dotnet.sh
. scripts/lib/postgres.sh
. scripts/lib/redis.sh
. scripts/lib/trx.sh
. scripts/lib/docker.sh
. scripts/lib/chromium.sh

MODE=containers
if [ "${1:-}" = --local ]; then MODE=local; shift; fi
if [ "${MULTICA_TEST_MODE:-}" = local ]; then MODE=local; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/multica-test.XXXXXX")
# mktemp makes a 0700 folder; the postgres OS user (when we are root) must
# be able to pass through it to reach its data dir.
chmod 711 "$WORK"
PG_STARTED_HERE=0
REDIS_STARTED_HERE=0
PG_DATA_DIR=""

# Stops only the servers this script started, then removes the temp folder.
# Called before the summary line (so nothing prints after it) and on exit.
stop_servers() {
  set +e
  if [ -n "${MULTICA_TEST_RUN_ID:-}" ]; then remove_labelled_containers multica.test-run "$MULTICA_TEST_RUN_ID"; fi
  stop_docker_if_started
  if [ "$REDIS_STARTED_HERE" = 1 ]; then stop_private_redis "$WORK/redis"; REDIS_STARTED_HERE=0; fi
  if [ "$PG_STARTED_HERE" = 1 ]; then stop_private_postgres "$WORK/postgres"; PG_STARTED_HERE=0; fi
  # A root run may have put the cluster in /tmp/multica-pg-* instead of $WORK.
  case $PG_DATA_DIR in /tmp/multica-pg-*) rm -rf "$PG_DATA_DIR" ;; esac
  rm -rf "$WORK"
  set -e
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail_early() {
  printf 'ERROR: %s\n' "$*" >&2
  stop_servers
  echo "mode: $MODE"
  echo "0 passed, 1 failed"
  exit 1
}

ensure_dotnet || fail_early "no .NET 10 SDK"

# The container path: a Docker engine and the images; the suite's fixture starts the containers itself.
if [ "$MODE" = containers ]; then
  export MULTICA_TEST_POSTGRES_IMAGE=${MULTICA_TEST_POSTGRES_IMAGE:-multica-local/postgres:15}
  export MULTICA_TEST_REDIS_IMAGE=${MULTICA_TEST_REDIS_IMAGE:-multica-local/redis:7}
  if ! ensure_docker "$WORK/dockerd.log"; then
    echo "!!! NO DOCKER ENGINE: the integration suite falls back to local PostgreSQL and Redis processes !!!" >&2
    MODE=local
  elif case "$MULTICA_TEST_POSTGRES_IMAGE $MULTICA_TEST_REDIS_IMAGE" in *multica-local/*) true ;; *) false ;; esac &&
       ! deploy/local-images.sh test; then
    echo "!!! COULD NOT BUILD THE LOCAL IMAGES: the integration suite falls back to local processes !!!" >&2
    MODE=local
  else
    export MULTICA_TEST_CONTAINERS=1 TESTCONTAINERS_RYUK_DISABLED=true
    export MULTICA_TEST_RUN_ID="test-$$-$(date +%s)"
    log "integration suite against containers ($MULTICA_TEST_POSTGRES_IMAGE, $MULTICA_TEST_REDIS_IMAGE)"
  fi
fi

if [ "$MODE" = containers ]; then
  :
elif [ -n "${MULTICA_TEST_DATABASE_URL:-}" ]; then
  log "using MULTICA_TEST_DATABASE_URL from the environment"
else
  ensure_postgres_installed || fail_early "PostgreSQL is required for the tests"
  pg_port=$(find_free_port 55432) || fail_early "no free port for PostgreSQL"
  start_private_postgres --throwaway "$WORK/postgres" "$pg_port" multica_test ||
    fail_early "could not start the test PostgreSQL"
  export MULTICA_TEST_DATABASE_URL="postgres://multica:multica@127.0.0.1:$PG_PORT/multica_test?sslmode=disable"
fi

if [ "$MODE" = containers ]; then
  :
elif [ -n "${MULTICA_TEST_REDIS_URL:-}" ]; then
  log "using MULTICA_TEST_REDIS_URL from the environment"
else
  ensure_redis_installed || fail_early "Redis is required for the tests (apt-get install redis-server failed)"
  redis_port=$(find_free_port 56379) || fail_early "no free port for Redis"
  start_private_redis "$WORK/redis" "$redis_port" || fail_early "could not start the test Redis"
  export MULTICA_TEST_REDIS_URL="127.0.0.1:$REDIS_PORT"
fi
log "MULTICA_TEST_DATABASE_URL=${MULTICA_TEST_DATABASE_URL:-(a container)}"
log "MULTICA_TEST_REDIS_URL=${MULTICA_TEST_REDIS_URL:-(a container)}"

ensure_chromium || true

solution=()
for s in Multica.sln Multica.slnx; do
  if [ -f "$s" ]; then solution=("$s"); break; fi
done

# LogFilePrefix, not LogFileName: with a fixed file name each test project
# overwrites the previous project's .trx and its counts would be lost.
set +e
dotnet test "${solution[@]}" -c Release \
  --logger "trx;LogFilePrefix=results" --results-directory "$WORK/results" "$@"
rc=$?
set -e

counts=$(trx_counts "$WORK/results") || counts=""
read -r files passed failed skipped <<< "${counts:-0 0 0 0}"
if [ "$files" = 0 ]; then
  warn "dotnet test produced no .trx results (exit code $rc)"
  passed=0 failed=1 skipped=0
elif [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
  # E.g. a test project failed to build or its host crashed: not a pass.
  warn "dotnet test exited with $rc although no test failed; counting 1 failure"
  failed=1
fi

# Runs a check script whose output ends with "<NAME>: N passed, N failed" and adds its counts to the summary.
run_counted_check() {
  local name=$1 logname=$2 limit=$3; shift 3
  local out="$WORK/$logname.log" verdict p f
  set +e
  timeout "$limit" "$@" 2>&1 | tee "$out" | sed "s/^/  [$logname] /"
  set -e
  verdict=$(grep -Eo "$name: [0-9]+ passed, [0-9]+ failed" "$out" | tail -1)
  if [ -n "$verdict" ]; then
    read -r p f <<< "$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1 \2/' <<< "$verdict")"
  else
    warn "$name printed no verdict; counting 1 failure"
    p=0 f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
}

# The two-node compose stack (deploy/compose-smoke.sh): on CI, or when MULTICA_TEST_COMPOSE=1, in container mode
# and for the whole suite only (not with a --filter). Its checks count as tests in the summary.
if [ "$MODE" = containers ] && [ $# -eq 0 ] && [ "${MULTICA_TEST_COMPOSE:-}" != 0 ] &&
   { [ "${CI:-}" = true ] || [ "${MULTICA_TEST_COMPOSE:-}" = 1 ]; }; then
  log "compose smoke: two API nodes behind nginx (deploy/compose-smoke.sh)"
  run_counted_check "compose smoke" compose 1800 bash deploy/compose-smoke.sh
fi

# ./run.sh as a service (scripts/run-sh-check.sh): for the whole suite, unless MULTICA_TEST_RUNSH=0.
if [ $# -eq 0 ] && [ "${MULTICA_TEST_RUNSH:-}" != 0 ]; then
  log "run.sh check: two at once, --bootstrap beside a server, Ctrl-C and TERM (scripts/run-sh-check.sh)"
  run_counted_check "run.sh check" run.sh 1200 bash scripts/run-sh-check.sh
fi

if [ "${CI:-}" = true ]; then
  # Build servers outlive the run and could hold CI's output pipe open.
  dotnet build-server shutdown >/dev/null 2>&1 || true
fi
stop_servers

echo "mode: $MODE"
summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary+=", $skipped skipped"; fi
echo "$summary"
if [ "$rc" != 0 ] || [ "$failed" -gt 0 ]; then exit 1; fi
