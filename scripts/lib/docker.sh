#!/usr/bin/env bash
# Makes a Docker engine answer: installs Debian's docker.io when dockerd is missing and starts dockerd in
# the background when its socket does not answer. Remembers whether it started one, so the caller stops
# only what it started. Source it.

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DOCKERD_STARTED_HERE=0
DOCKERD_PID=""

docker_answers() { command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; }

# ensure_docker LOG_FILE — 0 when an engine answers (already running or started here).
ensure_docker() {
  local logfile=${1:-/dev/null}
  docker_answers && return 0
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    log "installing docker.io (Debian's Docker engine)"
    apt_install docker.io >/dev/null 2>&1 || { warn "could not install docker.io"; return 1; }
  fi
  is_root || { warn "starting dockerd needs root"; return 1; }
  log "starting dockerd in the background"
  # setsid: its own session, so a Ctrl-C meant for the tests does not reach it.
  setsid dockerd >"$logfile" 2>&1 </dev/null &
  DOCKERD_PID=$!
  DOCKERD_STARTED_HERE=1
  local i
  for i in $(seq 1 60); do
    docker_answers && return 0
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  warn "dockerd did not answer (log: $logfile)"
  tail -5 "$logfile" >&2 2>/dev/null || true
  stop_docker_if_started
  return 1
}

# Stops the dockerd this script started (not one that was already running).
stop_docker_if_started() {
  if [ "$DOCKERD_STARTED_HERE" = 1 ] && [ -n "$DOCKERD_PID" ]; then
    kill -TERM "$DOCKERD_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 40); do
      kill -0 "$DOCKERD_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$DOCKERD_PID" 2>/dev/null || true
    DOCKERD_STARTED_HERE=0
  fi
}

# Removes containers carrying LABEL=VALUE (those a crashed run left behind).
remove_labelled_containers() {
  local ids
  ids=$(docker ps -aq --filter "label=$1=$2" 2>/dev/null) || return 0
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
  return 0
}
