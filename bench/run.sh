#!/usr/bin/env bash
# Benchmarks against a real server, PostgreSQL and Redis on this machine (no timing in the test suite).
# Starts a throwaway durable PostgreSQL, a private Redis and the server in Release, runs the scenarios
# (each figure beside the ceiling measured in the same run) and writes
# bench/results/<UTC timestamp>.md and .json. See docs/benchmarks.md.
#
#   bench/run.sh [scenario ...]      default: hot-paths ingest pipeline claim-depth runtimes-10k sockets-2k
#     hot-paths     heartbeat, empty claim poll and GET /health, closed loop with BENCH_CONNECTIONS clients,
#                   beside pgbench of the heartbeat UPDATE / empty-poll lookup and wrk of GET /health
#     ingest        message batches of 50 (one running task per connection), beside pgbench of the same
#                   multi-row INSERT
#     pipeline      issue creation that enqueues, then claim → start → messages → usage → complete,
#                   beside pgbench of the three transitions (both first run unmeasured with
#                   BENCH_PIPELINE_WARMUP tasks)
#     runtimes-10k  RSS with BENCH_RSS_RUNTIMES (10,000) runtimes heartbeating every 15 s over HTTP (poll 30 s)
#     sockets-2k    RSS and wake-up latency (enqueue → daemon:task_available) with BENCH_SOCKETS (2,000)
#                   daemon sockets open, heartbeating over them
#     fleet         BENCH_DAEMONS × BENCH_RUNTIMES_PER_DAEMON daemons, HTTP heartbeat 15 s + claim poll 3 s
#     fleet-socket  the same fleet with one daemon WebSocket per daemon (heartbeats over it, poll 30 s)
#     pickup        enqueue → claim latency, WebSocket wake-up against 3 s polling (Multica.Bench)
#     pickup-2node  enqueue on node A → wake-up + tasks.claim RPC on a daemon socket on A, then on node B
#     claim-depth   claim latency at queue depth 100 / 10,000 / 100,000 (Multica.Bench)
#     cold-start    BENCH_COLD_STARTS (3) times: a second node started beside the first, the time until it is
#                   ready and its first call of each route of the task loop, of the web app's first reads and of
#                   a chat against the same call once warm
#
# Knobs (environment): BENCH_CONNECTIONS=64 BENCH_DURATION=20 BENCH_WARMUP=3 BENCH_DAEMONS=100
#   BENCH_RUNTIMES_PER_DAEMON=10 BENCH_TASKS=6000 BENCH_PIPELINE_WARMUP=1000 BENCH_WORKERS=16 BENCH_FLEET_DURATION=60
#   BENCH_FLEET_AGENTS=10 BENCH_FLEET_ENQUEUE=2 (issues/s) BENCH_NOTE="free text for the results file"
#   BENCH_FLEET_WARMUP=10 (s: an unmeasured round of the enqueueing fleets, sockets-2k, fleet and fleet-socket, first)
#   BENCH_RSS_RUNTIMES=10000 BENCH_SOCKETS=2000 BENCH_SCALE_DURATION=60 (runtimes-10k, sockets-2k)
#   BENCH_REST_SECONDS=20 (after the last phase, before the RSS at rest is read)
#   BENCH_COLD_STARTS=3 BENCH_COLD_ROUNDS=21 (cold-start: new nodes started, rounds per node, the first one cold)
#   BENCH_COLD_PRIME=404 (cold-start: one refused call per route before the first round, docs/benchmarks.md)
#   BENCH_QUICK=1 (every figure, shorter: 10 s phases, 1,000 tasks, 20 s scale phases, depths 100 and 100,000)
#   BENCH_SMOKE=1 (a short run to check the harness; its figures mean nothing) BENCH_NO_REDIS=1
#   BENCH_READY_TO_RUN=1 (run a ReadyToRun publish of the server instead of its build)
#   BENCH_CLIENT=lean|httpclient (the load generator's HTTP client; httpclient reproduces runs before 2026-12-05)
#   BENCH_REACTIONS=wait|ignore (issue creation's phase ends when the server's issue reactions have drained, or at
#   the last answer as before the sixteenth stop)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/dotnet.sh
. scripts/lib/postgres.sh
. scripts/lib/redis.sh

scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(cold-start hot-paths ingest pipeline claim-depth runtimes-10k sockets-2k)

if [ "${BENCH_SMOKE:-0}" = 1 ]; then
  : "${BENCH_DURATION:=5}" "${BENCH_WARMUP:=1}" "${BENCH_DAEMONS:=20}" "${BENCH_RUNTIMES_PER_DAEMON:=5}"
  : "${BENCH_TASKS:=200}" "${BENCH_PIPELINE_WARMUP:=20}" "${BENCH_FLEET_DURATION:=15}" "${BENCH_FLEET_AGENTS:=4}"
  : "${BENCH_RSS_RUNTIMES:=500}" "${BENCH_SOCKETS:=100}" "${BENCH_SCALE_DURATION:=10}" "${BENCH_DEPTHS:=100,1000}"
  : "${BENCH_REST_SECONDS:=2}" "${BENCH_FLEET_WARMUP:=2}"
fi
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_DURATION:=10}" "${BENCH_TASKS:=1000}" "${BENCH_PIPELINE_WARMUP:=500}" "${BENCH_FLEET_DURATION:=20}" "${BENCH_SCALE_DURATION:=20}"
  : "${BENCH_DEPTHS:=100,100000}" "${BENCH_DEPTH_CLAIMS:=100}" "${BENCH_FLEET_WARMUP:=5}"
fi
RSS_RUNTIMES=${BENCH_RSS_RUNTIMES:-10000}
SOCKETS=${BENCH_SOCKETS:-2000}
SCALE_DURATION=${BENCH_SCALE_DURATION:-60}
DEPTHS=${BENCH_DEPTHS:-100,10000,100000}
DEPTH_CLAIMS=${BENCH_DEPTH_CLAIMS:-200}
C=${BENCH_CONNECTIONS:-64}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-3}
DAEMONS=${BENCH_DAEMONS:-100}
PER_DAEMON=${BENCH_RUNTIMES_PER_DAEMON:-10}
RUNTIMES=$((DAEMONS * PER_DAEMON))
TASKS=${BENCH_TASKS:-6000}
PIPELINE_WARMUP=${BENCH_PIPELINE_WARMUP:-1000}
WORKERS=${BENCH_WORKERS:-16}
FLEET_DURATION=${BENCH_FLEET_DURATION:-60}
FLEET_AGENTS=${BENCH_FLEET_AGENTS:-10}
FLEET_ENQUEUE=${BENCH_FLEET_ENQUEUE:-2}
FLEET_WARMUP=${BENCH_FLEET_WARMUP:-10}

for s in "${scenarios[@]}"; do
  case $s in hot-paths|ingest|pipeline|fleet|fleet-socket|pickup|pickup-2node|claim-depth|runtimes-10k|sockets-2k|cold-start) ;; *) die "unknown scenario $s" ;; esac
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/multica-bench.XXXXXX")
chmod 711 "$WORK"
PG_STARTED_HERE=0
REDIS_STARTED_HERE=0
SERVER_PID=""
cleanup() {
  set +e
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  if [ -n "${SERVER2_PID:-}" ]; then kill "$SERVER2_PID" 2>/dev/null; wait "$SERVER2_PID" 2>/dev/null; fi
  [ "$REDIS_STARTED_HERE" = 1 ] && stop_private_redis "$WORK/redis"
  [ "$PG_STARTED_HERE" = 1 ] && stop_private_postgres "$WORK/postgres"
  case ${PG_DATA_DIR:-} in /tmp/multica-pg-*) rm -rf "$PG_DATA_DIR" ;; esac
  [ -n "${BENCH_SERVER_LOG:-}" ] && cp "$WORK/server.log" "$BENCH_SERVER_LOG" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ensure_dotnet || die "the .NET 10 SDK is required"
ensure_postgres_installed || die "PostgreSQL is required"
PGBENCH="$PG_BIN/pgbench"
[ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench || true)
[ -n "$PGBENCH" ] || warn "pgbench not found: database ceilings are skipped"
if ! command -v wrk >/dev/null 2>&1; then
  apt_install wrk >/dev/null 2>&1 || warn "wrk not installable: GET /health is measured by the load generator only"
fi

pg_port=$(find_free_port 27432)
# BENCH_PG_STATS=1: load pg_stat_statements and append each scenario's costliest statements to the results file.
if [ "${BENCH_PG_STATS:-0}" = 1 ]; then export PG_EXTRA_CONF="shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track_planning = on"; fi
# A durable cluster (fsync on), as in production.
start_private_postgres "$WORK/postgres" "$pg_port" multica_bench
db_url="postgres://multica:multica@127.0.0.1:$PG_PORT/multica_bench?sslmode=disable"
db_cs="Host=127.0.0.1;Port=$PG_PORT;Database=multica_bench;Username=multica;Password=multica"
redis_note="none"
if [ "${BENCH_NO_REDIS:-0}" != 1 ] && ensure_redis_installed; then
  start_private_redis "$WORK/redis" "$(find_free_port 27379)"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  redis_note="$(redis-server --version | awk '{print $3}' | tr -d 'v=')"
fi

log "building the server, Multica.LoadGen and Multica.Bench (Release)"
dotnet build src/WebApi/Multica.WebApi.csproj -c Release -nologo -v quiet
# BENCH_READY_TO_RUN=1: run a ReadyToRun publish of the server instead (docs/benchmarks.md, sixth stop, "Tried and not kept: the JIT").
server_dll=bin/Release/net10.0/Multica.WebApi.dll
server_build="Release"
if [ "${BENCH_READY_TO_RUN:-0}" = 1 ]; then
  dotnet publish src/WebApi/Multica.WebApi.csproj -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$WORK/server" -nologo -v quiet
  server_dll="$WORK/server/Multica.WebApi.dll"
  server_build="Release, ReadyToRun"
fi
dotnet build bench/Multica.LoadGen/Multica.LoadGen.csproj -c Release -nologo -v quiet
dotnet build bench/Multica.Bench/Multica.Bench.csproj -c Release -nologo -v quiet

# The benchmark's ports sit below Linux's ephemeral range (32768–60999 by default): a port found free there can be
# taken by any outgoing connection before the server binds it ("address already in use", seen once in ~20 runs).
port=$(find_free_port 28080)
url="http://127.0.0.1:$port"
# BENCH_SERVER_ENV="K=V ...": extra environment for the server process only (e.g. DOTNET_gcServer=0).
# BENCH_SERVER_LOG=path: keep a copy of the server's log there when the run ends (the work folder is removed).
read -r -a server_env <<<"${BENCH_SERVER_ENV:-}"
# The server starts with the runtime settings run.sh and the image give it (scripts/lib/server-env.sh);
# BENCH_SERVER_ENV comes after them, so it can override them.
# start_node URL LOG [K=V ...]: one server process on URL, its pid in NODE_PID (every node of a run starts alike).
start_node() {
  local node_url=$1 node_log=$2
  shift 2
  (cd src/WebApi && . ../../scripts/lib/server-env.sh && exec env "${server_env[@]}" "$@" DATABASE_URL="$db_url" \
    ASPNETCORE_URLS="$node_url" Logging__LogLevel__Default=Warning dotnet "$server_dll") >"$node_log" 2>&1 &
  NODE_PID=$!
}
# wait_ready URL PID LOG: until the node answers /readyz (polled every 50 ms, 90 s at most).
wait_ready() {
  local _
  for _ in $(seq 1 1800); do
    curl -fsS "$1/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; die "the server at $1 exited"; }
    sleep 0.05
  done
  die "the server at $1 did not become ready"
}
start_node "$url" "$WORK/server.log"
SERVER_PID=$NODE_PID
wait_ready "$url" "$SERVER_PID" "$WORK/server.log"

rss_mib() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); split($0, f, " "); printf "%.2f", (f[12]+f[13])/hz}' "/proc/$SERVER_PID/stat"; }

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/results
md="bench/results/$stamp.md"
json="bench/results/$stamp.json"
figures="$WORK/figures.tsv"
: >"$figures"
fig() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$figures"; }
get() { awk -F'\t' -v k="$1" '$1==k{v=$2} END{print v}' "$figures"; }
fig server.rss_start_mib "$(rss_mib)" MiB
cpu_start=$(cpu_s)

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# A previous run's bench/results.json (and results files) are this harness's output, not a change to what is measured.
git diff --quiet HEAD -- . ':(exclude)bench/results.json' ':(exclude)bench/results' 2>/dev/null ||
  commit="$commit (uncommitted changes)"
cpu_model=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
machine="$(nproc) cores ($cpu_model), $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
pg_version=$("$PG_BIN/postgres" --version | awk '{print $3}')
{
  echo "# Benchmark run $stamp"
  echo
  if [ "${BENCH_SMOKE:-0}" = 1 ]; then
    echo "**Smoke run** (BENCH_SMOKE=1): short phases that check the harness; the figures mean nothing."
    echo
  fi
  [ -n "${BENCH_NOTE:-}" ] && { echo "Note: $BENCH_NOTE"; echo; }
  [ -n "${BENCH_SERVER_ENV:-}" ] && { echo "Server environment: \`$BENCH_SERVER_ENV\`"; echo; }
  echo "- Scenarios: ${scenarios[*]}"
  echo "- Commit: $commit"
  echo "- Machine: $machine"
  echo "- PostgreSQL $pg_version (durable, fsync on), Redis $redis_note; server in $server_build on loopback; load generator's HTTP client: ${BENCH_CLIENT:-lean}"
  echo "- Settings: $C connections, ${DURATION} s per closed-loop phase after ${WARMUP} s warm-up, $DAEMONS daemons × $PER_DAEMON runtimes = $RUNTIMES runtimes, $TASKS pipeline tasks with $WORKERS workers (after $PIPELINE_WARMUP unmeasured$([ "${BENCH_ANALYZE:-1}" = 0 ] && echo ", no ANALYZE" || echo ", then ANALYZE")), fleet ${FLEET_DURATION} s"
  echo "- Server RSS at start: $(rss_mib) MiB"
} >"$md"

loadgen=(dotnet bench/Multica.LoadGen/bin/Release/net10.0/Multica.LoadGen.dll)
lg() { "${loadgen[@]}" "$@" --client "${BENCH_CLIENT:-lean}" --server "$url" --server-pid "$SERVER_PID" --clock-ticks "$(getconf CLK_TCK)" --figures "$figures" | tee -a "$md"; }

# pgbench KEY SCRIPT [pgbench args]: records KEY.tps and KEY.latency_ms.
pgbench_run() {
  local key=$1 script=$2 out
  shift 2
  [ -n "$PGBENCH" ] || return 0
  out=$(PGPASSWORD=multica "$PGBENCH" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U multica -f "$script" "$@" multica_bench 2>&1) ||
    { printf '%s\n' "$out" | tail -5 >&2; warn "pgbench $key failed"; return 0; }
  local tps lat
  tps=$(printf '%s\n' "$out" | awk '/^tps = /{printf "%.0f", $3; exit}')
  lat=$(printf '%s\n' "$out" | awk '/^latency average = /{print $4; exit}')
  if [ -z "$tps" ]; then
    printf '\npgbench `%s` (%s) processed no transactions (phase too short for this load?).\n' "$(basename "$script")" "$*" | tee -a "$md"
    return 0
  fi
  fig "$key.tps" "$tps" "tx/s"
  fig "$key.latency_ms" "$lat" ms
  printf '\npgbench `%s` (%s): %s tx/s, average latency %s ms.\n' "$(basename "$script")" "$*" "$tps" "$lat" | tee -a "$md"
}

section() { printf '\n## %s\n' "$1" | tee -a "$md"; }

# BENCH_TRACE=1: sample the server's managed stacks with dotnet-trace during a phase (skipping the warm-up)
# and append the hottest methods to the results file. Tracing costs CPU: never mix traced and untraced figures.
DOTNET_TRACE=""
if [ "${BENCH_TRACE:-0}" = 1 ]; then
  DOTNET_TRACE=$(command -v dotnet-trace || true)
  if [ -z "$DOTNET_TRACE" ]; then
    dotnet tool install --tool-path "$WORK/tools" dotnet-trace >/dev/null 2>&1 && DOTNET_TRACE="$WORK/tools/dotnet-trace" ||
      warn "dotnet-trace not installable: BENCH_TRACE ignored"
  fi
fi
TRACE_PID=""
trace_start() {
  [ -n "$DOTNET_TRACE" ] || return 0
  ( sleep "$WARMUP"; exec "$DOTNET_TRACE" collect -p "$SERVER_PID" --profile dotnet-sampled-thread-time \
      --duration "00:00:00:$(printf '%02d' "$DURATION")" -o "$WORK/$1.nettrace" ) >"$WORK/$1.trace.log" 2>&1 &
  TRACE_PID=$!
}
trace_report() {
  [ -n "$TRACE_PID" ] || return 0
  wait "$TRACE_PID" 2>/dev/null || true
  TRACE_PID=""
  [ -f "$WORK/$1.nettrace" ] || { warn "no trace for $1"; return 0; }
  {
    printf '\n<details><summary>dotnet-trace, %s phase: top methods (sampled thread time)</summary>\n\n```\n' "$1"
    "$DOTNET_TRACE" report "$WORK/$1.nettrace" topN -n 40 2>&1 || true
    "$DOTNET_TRACE" report "$WORK/$1.nettrace" topN -n 40 --inclusive 2>&1 || true
    printf '```\n\n</details>\n'
  } | tee -a "$md" >/dev/null
}

# With BENCH_PG_STATS=1: the scenario's BENCH_PG_STATS_LIMIT [15] statements with the most database time, execution
# plus planning (pgbench's included; BENCH_PG_STATS_WIDTH [140] characters of each), then reset.
pg_stats_report() {
  [ "${BENCH_PG_STATS:-0}" = 1 ] || return 0
  {
    printf '\n<details><summary>pg_stat_statements, %s: statements by total time</summary>\n\n' "$1"
    printf '| calls | total ms | mean ms | plans | plan ms | rows | statement |\n| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n'
    _pg_psql -d multica_bench -Atc "SELECT calls || ' | ' || round(total_exec_time) || ' | ' || round(mean_exec_time::numeric, 3)
        || ' | ' || plans || ' | ' || round(total_plan_time) || ' | ' || rows || ' | \`' || left(regexp_replace(query, '\s+', ' ', 'g'), ${BENCH_PG_STATS_WIDTH:-140}) || '\`'
      FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT ${BENCH_PG_STATS_LIMIT:-15}" | sed 's/^/| /; s/$/ |/'
    printf '\n</details>\n'
    _pg_psql -d multica_bench -Atc "SELECT pg_stat_statements_reset()" >/dev/null
  } 2>&1 | tee -a "$md" >/dev/null
}
if [ "${BENCH_PG_STATS:-0}" = 1 ]; then
  _pg_psql -d multica_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
fi

# Redis PUBLISH commands of the scenario (the node relay's messages, docs/scaling.md): redis.<scenario>.publishes.
redis_publish_calls() {
  [ -n "${REDIS_PORT:-}" ] && command -v redis-cli >/dev/null 2>&1 || return 0
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info commandstats 2>/dev/null | tr -d '\r' |
    awk -F'[=,:]' '/^cmdstat_publish:/{print $3; found=1} END{if (!found) print 0}'
}
REDIS_PUBLISHES_BEFORE=$(redis_publish_calls)
redis_publishes_report() {
  local now
  now=$(redis_publish_calls)
  [ -n "$now" ] && [ -n "$REDIS_PUBLISHES_BEFORE" ] || return 0
  fig "redis.$1.publishes" "$((now - REDIS_PUBLISHES_BEFORE))" count
  printf '\nRedis PUBLISH commands during %s: %s.\n' "$1" "$((now - REDIS_PUBLISHES_BEFORE))" | tee -a "$md" >/dev/null
  REDIS_PUBLISHES_BEFORE=$now
}

for scenario in "${scenarios[@]}"; do
  case $scenario in
    hot-paths)
      section "Hot paths: heartbeat, empty claim poll, bare route ($C connections, $RUNTIMES runtimes)"
      trace_start heartbeat
      lg saturate --route heartbeat --connections "$C" --duration "$DURATION" --warmup "$WARMUP" \
        --daemons "$DAEMONS" --runtimes-per-daemon "$PER_DAEMON" --database-url "$db_cs"
      trace_report heartbeat
      pgbench_run ceiling.heartbeat_update bench/pgbench/heartbeat.sql -c "$C" -j 2 -T "$DURATION" -D "runtimes=$RUNTIMES"
      trace_start poll
      lg saturate --route poll --connections "$C" --duration "$DURATION" --warmup "$WARMUP" \
        --daemons "$DAEMONS" --runtimes-per-daemon "$PER_DAEMON" --database-url "$db_cs"
      trace_report poll
      pgbench_run ceiling.empty_poll_lookup bench/pgbench/empty-poll.sql -c "$C" -j 2 -T "$DURATION" -D "runtimes=$RUNTIMES"
      lg saturate --route health --connections "$C" --duration "$DURATION" --warmup "$WARMUP"
      if command -v wrk >/dev/null 2>&1; then
        out=$(wrk -t 2 -c "$C" -d "${DURATION}s" --latency "$url/health" || true)
        rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/{print $2}')
        fig ceiling.health_wrk.rps "$rps" "req/s"
        printf '\nwrk GET /health (%s connections, 2 threads): %s req/s; latency%s.\n' "$C" "$rps" \
          "$(printf '%s\n' "$out" | awk '$1=="50%"||$1=="99%"{printf " p%s %s", substr($1,1,2), $2}')" | tee -a "$md"
      fi
      ;;
    ingest)
      section "Message ingest: batches of 50 ($C connections, one running task each)"
      lg saturate --route messages --batch 50 --connections "$C" --duration "$DURATION" --warmup "$WARMUP" --database-url "$db_cs"
      pgbench_run ceiling.message_batch_insert bench/pgbench/messages.sql -c "$C" -j 2 -T "$DURATION" -D "tasks=$C"
      ;;
    runtimes-10k)
      section "Memory with $RSS_RUNTIMES runtimes heartbeating over HTTP (15 s heartbeat, 30 s poll, ${SCALE_DURATION} s)"
      lg fleet --name runtimes --daemons $(( (RSS_RUNTIMES + 9) / 10 )) --runtimes-per-daemon 10 --duration "$SCALE_DURATION" \
        --poll-interval 30 --connections "$C" --setup-parallel 16
      fig scale.runtimes "$RSS_RUNTIMES" count
      fig scale.runtimes_rss_mib "$(rss_mib)" MiB
      # The highest reading while the runtimes heartbeated (sampled every 500 ms by the load generator): the reading
      # above comes after the load has stopped, when the GC may already be returning memory.
      fig scale.runtimes_rss_peak_mib "$(get runtimes.server_rss_peak_mib)" MiB
      ;;
    sockets-2k)
      section "Memory and wake-up latency with $SOCKETS daemon sockets (${SCALE_DURATION} s)"
      lg fleet --socket --name sockets --daemons "$SOCKETS" --runtimes-per-daemon 1 --duration "$SCALE_DURATION" \
        --agents "$FLEET_AGENTS" --enqueue-per-second "$FLEET_ENQUEUE" --warmup "$FLEET_WARMUP" --connections "$C" --setup-parallel 16
      fig scale.sockets "$SOCKETS" count
      fig scale.sockets_rss_mib "$(rss_mib)" MiB
      fig scale.sockets_rss_peak_mib "$(get sockets.server_rss_peak_mib)" MiB
      ;;
    pipeline)
      section "Issue creation and claim → start → messages → usage → complete ($TASKS tasks, $WORKERS workers)"
      # BENCH_ANALYZE=0: no ANALYZE between the warm-up and the measured round (docs/benchmarks.md, eighth stop).
      analyze=(--analyze-after-warmup "$db_cs")
      [ "${BENCH_ANALYZE:-1}" = 0 ] && analyze=()
      lg pipeline --tasks "$TASKS" --warmup-tasks "$PIPELINE_WARMUP" --workers "$WORKERS" --connections "$C" "${analyze[@]}" \
        --reactions "${BENCH_REACTIONS:-wait}"
      per_client=$(( TASKS / WORKERS > 0 ? TASKS / WORKERS : 1 ))
      "${loadgen[@]}" seed-queue --server "$url" --database-url "$db_cs" --tasks $((per_client * WORKERS))
      pgbench_run ceiling.pipeline_statements bench/pgbench/pipeline.sql -c "$WORKERS" -j 2 -t "$per_client"
      ;;
    fleet | fleet-socket)
      mode=()
      [ "$scenario" = fleet-socket ] && mode=(--socket)
      section "Fleet ($scenario): $DAEMONS daemons × $PER_DAEMON runtimes, ${FLEET_DURATION} s"
      lg fleet "${mode[@]}" --daemons "$DAEMONS" --runtimes-per-daemon "$PER_DAEMON" --duration "$FLEET_DURATION" \
        --agents "$FLEET_AGENTS" --enqueue-per-second "$FLEET_ENQUEUE" --warmup "$FLEET_WARMUP" --connections "$C"
      ;;
    pickup)
      section "Task pickup (Multica.Bench)"
      dotnet bench/Multica.Bench/bin/Release/net10.0/Multica.Bench.dll pickup --server "$url" --poll-ms 3000 --samples 20 | tee -a "$md"
      ;;
    pickup-2node)
      [ -n "${REDIS_URL:-}" ] || die "pickup-2node needs Redis (unset BENCH_NO_REDIS)"
      port2=$(find_free_port $((port + 1)))
      url2="http://127.0.0.1:$port2"
      start_node "$url2" "$WORK/server2.log" Sweeper__Enabled=false
      SERVER2_PID=$NODE_PID
      wait_ready "$url2" "$SERVER2_PID" "$WORK/server2.log"
      section "Task pickup across two nodes (Multica.Bench)"
      dotnet bench/Multica.Bench/bin/Release/net10.0/Multica.Bench.dll pickup-2node --server "$url" --second-server "$url2" \
        --samples "${BENCH_PICKUP_SAMPLES:-50}" | tee -a "$md"
      kill "$SERVER2_PID" 2>/dev/null; wait "$SERVER2_PID" 2>/dev/null || true; SERVER2_PID=""
      ;;
    cold-start)
      # A node that has just started (a deploy, a restart, a replica added): how long until it is ready, and what its
      # first call of each route costs against the same call once warm. The world is made on the running node.
      section "Cold start: a second node's first calls (Multica.LoadGen)"
      for n in $(seq 1 "${BENCH_COLD_STARTS:-3}"); do
        port2=$(find_free_port $((port + 1)))
        url2="http://127.0.0.1:$port2"
        t0=$(date +%s%N)
        start_node "$url2" "$WORK/server-cold.log" Sweeper__Enabled=false Logging__LogLevel__Multica.WebApi.Warmup=Information
        SERVER2_PID=$NODE_PID
        wait_ready "$url2" "$SERVER2_PID" "$WORK/server-cold.log"
        ready_ms=$((($(date +%s%N) - t0) / 1000000))
        fig "cold.$n.ready_ms" "$ready_ms" ms
        warm_log=$(grep -A1 'warm-up' "$WORK/server-cold.log" | grep -v '^--' | sed 's/^ *//' | tr '\n' ' ' | cut -c1-400 || true)
        printf '\nStart %s: ready %s ms after the process started. Its log on the warm-up: %s\n\n' "$n" "$ready_ms" \
          "${warm_log:-none (Warmup__Enabled=false?)}" | tee -a "$md"
        "${loadgen[@]}" cold-start --client "${BENCH_CLIENT:-lean}" --server "$url" --fresh-server "$url2" --key "cold.$n" \
          --rounds "${BENCH_COLD_ROUNDS:-21}" ${BENCH_COLD_PRIME:+--prime "$BENCH_COLD_PRIME"} --figures "$figures" | tee -a "$md"
        kill "$SERVER2_PID" 2>/dev/null; wait "$SERVER2_PID" 2>/dev/null || true; SERVER2_PID=""
      done
      ;;
    claim-depth)
      section "Claim against queue depth (Multica.Bench)"
      dotnet bench/Multica.Bench/bin/Release/net10.0/Multica.Bench.dll claim-depth --server "$url" --database-url "$db_cs" \
        --depths "$DEPTHS" --claims "$DEPTH_CLAIMS" --figures "$figures" | tee -a "$md"
      ;;
  esac
  pg_stats_report "$scenario"
  redis_publishes_report "$scenario"
done

fig server.rss_end_mib "$(rss_mib)" MiB
# At rest: the last request answered, the server left alone for BENCH_REST_SECONDS (default 20). The idle trimmer
# (docs/operations.md, "Memory at rest") returns what the busy phases grew once the server is quiet.
sleep "${BENCH_REST_SECONDS:-20}"
fig server.rss_rest_mib "$(rss_mib)" MiB
# The make-up of that figure (/proc/<pid>/status): anonymous memory (the GC heap, the runtime's data), pages of
# mapped files (the framework's and our assemblies, native libraries) and shared memory (the JIT's code, which
# .NET keeps in a memory file mapped twice, once writable and once executable: docs/benchmarks.md).
for part in RssAnon RssFile RssShmem; do
  fig "server.rest_$(tr '[:upper:]' '[:lower:]' <<<"$part")_mib" "$(awk -v k="$part:" '$1==k{printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")" MiB
done
fig server.cpu_s_total "$(awk -v a="$cpu_start" -v b="$(cpu_s)" 'BEGIN{printf "%.2f", b-a}')" s
slow=$(grep -c 'slow request' "$WORK/server.log" || true)
fig server.slow_request_log_lines "$slow" count

# Headline pairs: each figure beside its ceiling from the same run (absent when a part did not run).
{
  echo
  echo "## Figures beside their ceilings"
  echo
  echo "| figure | value | ceiling | ratio |"
  echo "| --- | ---: | ---: | ---: |"
  pair() {
    local label=$1 v c
    v=$(get "$2"); c=$(get "$3")
    [ -n "$v" ] && [ -n "$c" ] || return 0
    echo "| $label | $v | $c | $(awk -v v="$v" -v c="$c" 'BEGIN{ if (c > 0) printf "%.2f", v/c; }') |"
  }
  pair "heartbeat req/s vs pgbench of its UPDATE" heartbeat.heartbeat.rps ceiling.heartbeat_update.tps
  pair "heartbeat req/s vs GET /health (load generator)" heartbeat.heartbeat.rps health.health.rps
  pair "heartbeat req/s vs GET /health (wrk)" heartbeat.heartbeat.rps ceiling.health_wrk.rps
  pair "empty poll req/s vs pgbench of the lookup" poll.claim_empty.rps ceiling.empty_poll_lookup.tps
  pair "empty poll req/s vs GET /health (load generator)" poll.claim_empty.rps health.health.rps
  pair "pipeline tasks/s vs pgbench of its 3 statements" pipeline.tasks_per_s ceiling.pipeline_statements.tps
  pair "message batches/s (50 each) vs pgbench of the same INSERT" messages.message_batch.rps ceiling.message_batch_insert.tps
  deepest=$(printf '%s\n' "${DEPTHS//,/$'\n'}" | sort -n | tail -1)
  pair "claim p50 ms at depth $deepest vs at depth 100" "claim_depth.$deepest.p50_ms" claim_depth.100.p50_ms
  echo
  for k in heartbeat.heartbeat poll.claim_empty messages.message_batch pipeline.claim_task sockets.wakeup sockets.ws_heartbeat runtimes.heartbeat; do
    v=$(get "$k.p50_ms"); w=$(get "$k.p99_ms")
    [ -n "$v" ] && echo "- $k latency: p50 $v ms, p99 $w ms"
  done
  # The issue's memory targets are in decimal units (300 MB is 286.1 MiB, 1 GB 953.7 MiB, 100 MB 95.4 MiB).
  mb() { awk -v m="$1" 'BEGIN { printf "%.0f", m * 1.048576 }'; }
  v=$(get scale.runtimes_rss_peak_mib); [ -n "$v" ] && echo "- Server RSS with $(get scale.runtimes) runtimes heartbeating: $v MiB at most while they ran ($(mb "$v") MB; target 300 MB), $(get scale.runtimes_rss_mib) MiB after"
  v=$(get scale.sockets_rss_peak_mib); [ -n "$v" ] && echo "- Server RSS with $(get scale.sockets) daemon sockets open: $v MiB at most while they ran ($(mb "$v") MB; target 1 GB), $(get scale.sockets_rss_mib) MiB after"
  errors=$(awk -F'\t' '$1 ~ /\.errors$/ {s += $2} END {print s + 0}' "$figures")
  dups=$(awk -F'\t' '$1 ~ /duplicate_claims$/ {s += $2} END {print s + 0}' "$figures")
  echo "- Errors over all phases: $errors; duplicate claims: $dups"
  echo
  for k in heartbeat poll health messages enqueue pipeline fleet-http fleet-socket runtimes sockets; do
    v=$(get "$k.server_cpu_ms_per_request")
    [ -n "$v" ] && echo "- Server CPU per request, $k: $v ms"
  done
  echo "- Server RSS: $(get server.rss_start_mib) MiB at start, $(get server.rss_end_mib) MiB at the end, $(get server.rss_rest_mib) MiB ($(mb "$(get server.rss_rest_mib)") MB; target 100 MB) after ${BENCH_REST_SECONDS:-20} s at rest ($(get server.rest_rssanon_mib) anonymous, $(get server.rest_rssfile_mib) mapped files, $(get server.rest_rssshmem_mib) shared memory)"
  echo
  echo "<details><summary>All figures</summary>"
  echo
  echo "| key | value | unit |"
  echo "| --- | ---: | --- |"
  awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}' "$figures"
  echo
  echo "</details>"
} | tee -a "$md" >/dev/null

jq -n --arg stamp "$stamp" --arg commit "$commit" --arg machine "$machine" --arg pg "$pg_version" \
  --arg redis "$redis_note" --arg scenarios "${scenarios[*]}" --argjson smoke "$([ "${BENCH_SMOKE:-0}" = 1 ] && echo true || echo false)" \
  --arg note "${BENCH_NOTE:-}" --rawfile tsv "$figures" '
  def num: (tonumber? // .);
  ($tsv | split("\n") | map(select(length > 0) | split("\t")) | map({key: .[0], value: {value: (.[1] | num), unit: .[2]}}) | from_entries) as $f
  | def pair(v; c): if ($f[v] and $f[c]) then {value: $f[v].value, ceiling: $f[c].value, ceiling_source: c} else null end;
  {date: $stamp, commit: $commit, machine: $machine, postgresql: $pg, redis: $redis, scenarios: $scenarios,
   smoke: $smoke, note: $note,
   headline: {
     heartbeat_vs_update: pair("heartbeat.heartbeat.rps"; "ceiling.heartbeat_update.tps"),
     heartbeat_vs_bare_route: pair("heartbeat.heartbeat.rps"; "health.health.rps"),
     empty_poll_vs_lookup: pair("poll.claim_empty.rps"; "ceiling.empty_poll_lookup.tps"),
     empty_poll_vs_bare_route: pair("poll.claim_empty.rps"; "health.health.rps"),
     pipeline_vs_statements: pair("pipeline.tasks_per_s"; "ceiling.pipeline_statements.tps"),
     message_batches_vs_insert: pair("messages.message_batch.rps"; "ceiling.message_batch_insert.tps"),
     claim_p50_depth_100000_vs_100: pair("claim_depth.100000.p50_ms"; "claim_depth.100.p50_ms"),
     heartbeat_cpu_ms: (if $f["heartbeat.server_cpu_ms_per_request"] then {value: $f["heartbeat.server_cpu_ms_per_request"].value, target: 0.2} else null end),
     heartbeat_p99_ms: (if $f["heartbeat.heartbeat.p99_ms"] then {value: $f["heartbeat.heartbeat.p99_ms"].value, target: 10} else null end),
     rss_runtimes_mib: (if $f["scale.runtimes_rss_peak_mib"] then {value: $f["scale.runtimes_rss_peak_mib"].value, after: $f["scale.runtimes_rss_mib"].value, runtimes: $f["scale.runtimes"].value, target: 286.1, target_mb: 300} else null end),
     rss_sockets_mib: (if $f["scale.sockets_rss_peak_mib"] then {value: $f["scale.sockets_rss_peak_mib"].value, after: $f["scale.sockets_rss_mib"].value, sockets: $f["scale.sockets"].value, target: 953.7, target_mb: 1000} else null end),
     rss_at_rest_mib: (if $f["server.rss_rest_mib"] then {value: $f["server.rss_rest_mib"].value, at_end: $f["server.rss_end_mib"].value, target: 95.4, target_mb: 100} else null end),
     cold_start_ms: ([$f | to_entries[] | select(.key | test("^cold\\.[0-9]+\\.first_round_ms$")) | .key | split(".")[1]] as $starts
       | if ($starts | length) == 0 then null else
           {first_round: [$starts[] | $f["cold.\(.).first_round_ms"].value], warm_round: [$starts[] | $f["cold.\(.).warm_round_ms"].value],
            web_first_round: [$starts[] | $f["cold.\(.).web_first_round_ms"].value], web_warm_round: [$starts[] | $f["cold.\(.).web_warm_round_ms"].value],
            chat_first_round: [$starts[] | $f["cold.\(.).chat_first_round_ms"].value], chat_warm_round: [$starts[] | $f["cold.\(.).chat_warm_round_ms"].value],
            pages_first_round: [$starts[] | $f["cold.\(.).pages_first_round_ms"].value], pages_warm_round: [$starts[] | $f["cold.\(.).pages_warm_round_ms"].value],
            ready: [$starts[] | $f["cold.\(.).ready_ms"].value]} end),
     wakeup_ms: (if $f["sockets.wakeup.p50_ms"] then {p50: $f["sockets.wakeup.p50_ms"].value, p99: $f["sockets.wakeup.p99_ms"].value, target_p99: 100} else null end)
   } | with_entries(select(.value != null)),
   figures: $f}' >"$json"
# bench/results.json: the latest full (non-smoke) run, the file docs/benchmarks.md quotes.
[ "${BENCH_SMOKE:-0}" = 1 ] || cp "$json" bench/results.json
log "results written to $md and $json"
