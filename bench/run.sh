#!/usr/bin/env bash
# Benchmarks against a real server and PostgreSQL on this machine (no timing in the test suite).
# Starts a throwaway PostgreSQL and the server in Release, runs the scenarios and writes
# bench/results/<date>.md. Usage: bench/run.sh [pickup] [claim-depth]   (default: both)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/dotnet.sh
. scripts/lib/postgres.sh

scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(pickup claim-depth)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/multica-bench.XXXXXX")
chmod 711 "$WORK"
PG_STARTED_HERE=0
SERVER_PID=""
cleanup() {
  set +e
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ "$PG_STARTED_HERE" = 1 ] && stop_private_postgres "$WORK/postgres"
  case ${PG_DATA_DIR:-} in /tmp/multica-pg-*) rm -rf "$PG_DATA_DIR" ;; esac
  rm -rf "$WORK"
}
trap cleanup EXIT

ensure_dotnet
ensure_postgres_installed
pg_port=$(find_free_port 57432)
# A durable cluster (fsync on), as in production.
start_private_postgres "$WORK/postgres" "$pg_port" multica_bench
db_url="postgres://multica:multica@127.0.0.1:$PG_PORT/multica_bench?sslmode=disable"

dotnet build src/WebApi/Multica.WebApi.csproj -c Release -nologo -v quiet
dotnet build bench/Multica.Bench/Multica.Bench.csproj -c Release -nologo -v quiet

port=$(find_free_port 58080)
(cd src/WebApi && DATABASE_URL="$db_url" ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Logging__LogLevel__Default=Warning exec dotnet bin/Release/net10.0/Multica.WebApi.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done

mkdir -p bench/results
out="bench/results/$(date -u +%Y-%m-%d).md"
# One file a day; later runs add their rows under a heading of their own.
[ -f "$out" ] || echo "# Benchmark results $(date -u +%Y-%m-%d)" >"$out"
{
  echo
  echo "## Run $(date -u +%H:%M:%SZ): ${scenarios[*]}"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'); server in Release on loopback."
  echo
  echo "| scenario | result |"
  echo "| --- | --- |"
} >>"$out"
bench=bench/Multica.Bench/bin/Release/net10.0/Multica.Bench.dll
for scenario in "${scenarios[@]}"; do
  case $scenario in
    pickup) dotnet "$bench" pickup --server "http://127.0.0.1:$port" --poll-ms 3000 --samples 20 | tee -a "$out" ;;
    claim-depth) dotnet "$bench" claim-depth --server "http://127.0.0.1:$port" --database-url \
      "Host=127.0.0.1;Port=$PG_PORT;Database=multica_bench;Username=multica;Password=multica" \
      --depths 100,10000,100000 --claims 200 | tee -a "$out" ;;
    *) die "unknown scenario $scenario" ;;
  esac
done
log "results written to $out"
