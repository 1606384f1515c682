#!/usr/bin/env bash
# Checks that ./run.sh behaves like a service. Two ./run.sh of two checkouts (two data folders, as two clones on
# one machine have) started at once: both come up, on two different ports and two private clusters, each server
# the direct child of its script. A one-shot ./run.sh --bootstrap beside the first shares its cluster and leaves
# it running. Ctrl-C (INT) to the first stops its server, then its cluster; TERM to the second does the same.
# Uses its own data folders (MULTICA_RUN_DIR), never .data/. The last line is "run.sh check: N passed, N failed".
set -uo pipefail
set -m   # each ./run.sh in its own process group, so INT reaches it as it would from a terminal's Ctrl-C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/postgres.sh

command -v curl >/dev/null 2>&1 || apt_install curl || { echo "run.sh check: 0 passed, 1 failed (no curl)"; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/multica-runsh.XXXXXX")
chmod 711 "$WORK"
unset PORT ASPNETCORE_URLS DATABASE_URL ConnectionStrings__Postgres REDIS_URL MULTICA_RUN_DIR
passed=0 failed=0
A="" B=""

check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "  ok   $name"; else failed=$((failed + 1)); echo "  FAIL $name"; fi
}

# The dotnet process a ./run.sh started (its direct child running the server).
app_of() { pgrep -P "$1" -f Multica.WebApi.dll | head -n 1; }
# The port a ./run.sh's server listens on, from its "Now listening on" line.
port_of() { grep -Eo 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$1" | head -n 1 | sed 's/.*://'; }
postmaster() { local dir; dir=$(_pg_effective_dir "$1/postgres"); head -n 1 "$dir/postmaster.pid" 2>/dev/null; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
dead() { ! alive "$1"; }
healthy() { curl -fsS -m 5 "http://127.0.0.1:$1/health" >/dev/null 2>&1; }
differ() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" != "$2" ]; }

# Waits (up to $2 s) until the log shows the server listening.
wait_listening() {
  local i
  for i in $(seq 1 "$2"); do
    [ -n "$(port_of "$1")" ] && return 0
    sleep 1
  done
  return 1
}

# Waits (up to 60 s) for a process that was running to end.
wait_gone() {
  [ -n "$1" ] || return 1
  local i
  for i in $(seq 1 120); do dead "$1" && return 0; sleep 0.5; done
  return 1
}

finish() {
  set +e
  for p in "$A" "$B"; do if alive "$p"; then kill -TERM "$p"; wait "$p"; fi; done
  local d dir
  for d in "$WORK/a" "$WORK/b"; do
    stop_private_postgres "$d/postgres" 2>/dev/null
    dir=$(_pg_effective_dir "$d/postgres")
    case $dir in /tmp/multica-pg-*) rm -rf "$dir" ;; esac
  done
  rm -rf "$WORK"
}
trap finish EXIT

MULTICA_RUN_DIR="$WORK/a" ./run.sh > "$WORK/a.log" 2>&1 &
A=$!
MULTICA_RUN_DIR="$WORK/b" ./run.sh > "$WORK/b.log" 2>&1 &
B=$!

wait_listening "$WORK/a.log" 600; wait_listening "$WORK/b.log" 600
port_a=$(port_of "$WORK/a.log"); port_b=$(port_of "$WORK/b.log")
app_a=$(app_of "$A"); app_b=$(app_of "$B"); pg_a=$(postmaster "$WORK/a"); pg_b=$(postmaster "$WORK/b")
echo "  first: port ${port_a:-none}, app ${app_a:-none}, postgres ${pg_a:-none}; second: port ${port_b:-none}, app ${app_b:-none}, postgres ${pg_b:-none}"
check "two ./run.sh at once listen on two ports" differ "$port_a" "$port_b"
check "both servers answer /health" eval 'healthy "$port_a" && healthy "$port_b"'
check "each server is the direct child of its ./run.sh" eval 'alive "$app_a" && alive "$app_b"'
check "each has its private PostgreSQL running" eval 'alive "$pg_a" && alive "$pg_b" && differ "$pg_a" "$pg_b"'

MULTICA_RUN_DIR="$WORK/a" ./run.sh --bootstrap --email runsh@example.com > "$WORK/bootstrap.log" 2>&1 < /dev/null
check "./run.sh --bootstrap beside a running one reuses its cluster and prints a token" \
  eval 'grep -q "reusing the PostgreSQL cluster" "$WORK/bootstrap.log" && grep -q "mul_" "$WORK/bootstrap.log"'
check "and leaves that cluster and server running" eval 'alive "$pg_a" && healthy "$port_a"'

kill -INT "$A"
wait "$A" 2>/dev/null
check "Ctrl-C stops the first server" wait_gone "$app_a"
check "then its PostgreSQL" wait_gone "$pg_a"
check "the second server still answers" healthy "$port_b"

kill -TERM "$B"
wait "$B" 2>/dev/null
check "TERM stops the second server" wait_gone "$app_b"
check "then its PostgreSQL" wait_gone "$pg_b"

if [ "$failed" -gt 0 ]; then
  echo "--- first ./run.sh ---"; tail -n 30 "$WORK/a.log"
  echo "--- second ./run.sh ---"; tail -n 30 "$WORK/b.log"
  echo "--- ./run.sh --bootstrap ---"; tail -n 30 "$WORK/bootstrap.log"
fi
echo "run.sh check: $passed passed, $failed failed"
[ "$failed" = 0 ]
