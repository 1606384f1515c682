#!/usr/bin/env bash
# Makes a Docker engine answer: installs Debian's docker.io when dockerd is missing and starts dockerd in
# the background when its socket does not answer. An engine started by one of these scripts is stopped by the
# last of them to finish; one that was already running is never stopped. Source it.

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DOCKERD_STARTED_HERE=0
DOCKERD_PID=""
DOCKER_REGISTERED=0

# Several runs (test.sh, compose-smoke.sh, from any checkout) may share one engine. Each registers its pid here;
# the engine one of them started is stopped by the last one to leave, never while another still uses it.
DOCKER_STATE_DIR=${MULTICA_DOCKER_STATE_DIR:-/run/multica-docker}

_docker_state_ready() {
  mkdir -p "$DOCKER_STATE_DIR/users" 2>/dev/null || {
    DOCKER_STATE_DIR="${TMPDIR:-/tmp}/multica-docker-$(id -u)"
    mkdir -p "$DOCKER_STATE_DIR/users"
  }
}
_docker_lock()   { exec 8>"$DOCKER_STATE_DIR/lock"; if command -v flock >/dev/null 2>&1; then flock 8; fi; }
_docker_unlock() { if command -v flock >/dev/null 2>&1; then flock -u 8; fi; exec 8>&-; }

docker_answers() { command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; }

# ensure_docker LOG_FILE — 0 when an engine answers (already running or started here).
ensure_docker() {
  local logfile=${1:-/dev/null}
  _docker_state_ready || return 1
  _docker_lock
  touch "$DOCKER_STATE_DIR/users/$$"
  DOCKER_REGISTERED=1
  if docker_answers; then _docker_unlock; return 0; fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    log "installing docker.io (Debian's Docker engine)"
    apt_install docker.io >/dev/null 2>&1 || { warn "could not install docker.io"; _docker_unlock; return 1; }
  fi
  is_root || { warn "starting dockerd needs root"; _docker_unlock; return 1; }
  log "starting dockerd in the background"
  # setsid: its own session, so a Ctrl-C meant for the tests does not reach it.
  setsid dockerd >"$logfile" 2>&1 </dev/null &
  DOCKERD_PID=$!
  DOCKERD_STARTED_HERE=1
  echo "$DOCKERD_PID" > "$DOCKER_STATE_DIR/dockerd.pid"
  local i
  for i in $(seq 1 60); do
    if docker_answers; then _docker_unlock; return 0; fi
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  _docker_unlock
  warn "dockerd did not answer (log: $logfile)"
  tail -5 "$logfile" >&2 2>/dev/null || true
  stop_docker_if_started
  return 1
}

# Leaves the engine: stops the dockerd a run started (not one that was already running) once no other
# registered run is alive.
stop_docker_if_started() {
  [ "$DOCKER_REGISTERED" = 1 ] || return 0
  _docker_lock
  rm -f "$DOCKER_STATE_DIR/users/$$"
  DOCKER_REGISTERED=0
  local f others=0 pid
  for f in "$DOCKER_STATE_DIR"/users/*; do
    [ -e "$f" ] || continue
    if kill -0 "$(basename "$f")" 2>/dev/null; then others=$((others + 1)); else rm -f "$f"; fi
  done
  pid=$(cat "$DOCKER_STATE_DIR/dockerd.pid" 2>/dev/null || true)
  # A pid left by an engine that died since may belong to another program now.
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then
    rm -f "$DOCKER_STATE_DIR/dockerd.pid"; pid=""
  fi
  if [ "$others" = 0 ] && [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$DOCKER_STATE_DIR/dockerd.pid"
  elif [ "$others" -gt 0 ] && [ -n "$pid" ]; then
    log "dockerd stays up: $others other run(s) still use it"
  fi
  DOCKERD_STARTED_HERE=0
  _docker_unlock
}

# Removes containers carrying LABEL=VALUE (those a crashed run left behind).
remove_labelled_containers() {
  local ids
  ids=$(docker ps -aq --filter "label=$1=$2" 2>/dev/null) || return 0
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
  return 0
}
