#!/usr/bin/env bash
# Helpers to run a private Redis server for this project. Source it.
#
#   ensure_redis_installed          (returns non-zero if Redis can't be had)
#   start_private_redis DIR PORT    -> exports REDIS_PORT, REDIS_STARTED_HERE
#   stop_private_redis DIR

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_redis_installed() {
  command -v redis-server >/dev/null 2>&1 && return 0
  log "redis-server not found; installing it with apt-get"
  if apt_install redis-server && command -v redis-server >/dev/null 2>&1; then
    return 0
  fi
  warn "could not install redis-server"
  return 1
}

# True when a Redis answers PING on 127.0.0.1:PORT.
_redis_ping() {
  local port=$1 reply=""
  if command -v redis-cli >/dev/null 2>&1; then
    reply=$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) || return 1
  else
    # No redis-cli: speak the protocol over bash's /dev/tcp.
    reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'PING\r\n' >&3 &&
              IFS= read -r -t 2 line <&3 && printf '%s' "$line") 2>/dev/null) || return 1
  fi
  [[ $reply == *PONG* ]]
}

# Prints the pid of the Redis server started in DIR, if it is still running.
_redis_pid() {
  local pid
  pid=$(cat "$1/redis.pid" 2>/dev/null) || return 1
  # Guard against a stale pid file whose pid now belongs to another program.
  [ -n "$pid" ] && grep -qs redis "/proc/$pid/comm" && echo "$pid"
}

start_private_redis() {
  local dir=${1:?usage: start_private_redis DIR PORT} port=${2:?usage: start_private_redis DIR PORT}
  mkdir -p "$dir" || return 1
  dir=$(realpath -- "$dir")
  export REDIS_STARTED_HERE=${REDIS_STARTED_HERE:-0}
  if _redis_pid "$dir" >/dev/null && [ -s "$dir/redis.port" ] && _redis_ping "$(cat "$dir/redis.port")"; then
    port=$(cat "$dir/redis.port")
    log "reusing the Redis server already running in $dir on port $port"
  else
    log "starting Redis on 127.0.0.1:$port (log: $dir/redis.log)"
    # No persistence: this server only holds throwaway/dev data.
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize yes --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null || {
      warn "redis-server failed to start"; return 1; }
    echo "$port" > "$dir/redis.port"
    REDIS_STARTED_HERE=1
    local i
    for i in $(seq 1 50); do
      _redis_ping "$port" && break
      if [ "$i" = 50 ]; then
        tail -n 20 "$dir/redis.log" >&2 || true
        warn "Redis on port $port does not answer"
        return 1
      fi
      sleep 0.2
    done
  fi
  export REDIS_PORT=$port
}

stop_private_redis() {
  local dir=${1:?usage: stop_private_redis DIR} pid i
  pid=$(_redis_pid "$dir") || { rm -f "$dir/redis.pid"; return 0; }
  log "stopping Redis (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$dir/redis.pid"
}
