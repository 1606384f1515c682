#!/usr/bin/env bash
# Brings up deploy/docker-compose.yml (two API replicas behind nginx, PostgreSQL, Redis, Prometheus) with the
# local stand-in images, checks cross-node behaviour through the proxy, tears everything down and prints one
# verdict line: "compose smoke: N passed, N failed, N skipped".
#
#   deploy/compose-smoke.sh              # local stand-ins (deploy/local-images.sh), no registry needed
#   MULTICA_SMOKE_OFFICIAL=1 deploy/compose-smoke.sh   # official images (needs registry access)
#
# Starts dockerd (and stops it afterwards) when none answers. Needs python3 for the checks.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. scripts/lib/common.sh
. scripts/lib/docker.sh

PROJECT="multica-smoke-$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/multica-smoke.XXXXXX")
COMPOSE=()

teardown() {
  set +e
  if [ "${#COMPOSE[@]}" -gt 0 ]; then
    if [ "${MULTICA_SMOKE_KEEP_LOGS:-0}" = 1 ]; then "${COMPOSE[@]}" logs --no-color > "$WORK/compose.log" 2>&1; cp "$WORK/compose.log" /tmp/; fi
    "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1
  fi
  stop_docker_if_started
  rm -rf "$WORK"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

verdict_fail() { warn "$*"; teardown; trap - EXIT; echo "compose smoke: 0 passed, 1 failed"; exit 1; }

ensure_docker "$WORK/dockerd.log" || verdict_fail "no Docker engine"
if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
else
  verdict_fail "neither 'docker compose' nor docker-compose is available"
fi
command -v python3 >/dev/null 2>&1 || apt_install python3 >/dev/null 2>&1 || verdict_fail "python3 is required"

if [ "${MULTICA_SMOKE_OFFICIAL:-0}" != 1 ]; then
  deploy/local-images.sh compose || verdict_fail "could not build the local images"
  export SDK_IMAGE=multica-local/dotnet-sdk:10.0 RUNTIME_IMAGE=multica-local/aspnet:10.0
  export POSTGRES_IMAGE=multica-local/postgres:15 REDIS_IMAGE=multica-local/redis:7
  export NGINX_IMAGE=multica-local/nginx:stable PROMETHEUS_IMAGE=multica-local/prometheus:latest
fi
export MULTICA_IMAGE=${MULTICA_IMAGE:-multica-server:smoke}
log "building $MULTICA_IMAGE"
docker build -q -t "$MULTICA_IMAGE" --build-arg "SDK_IMAGE=${SDK_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0}" \
  --build-arg "RUNTIME_IMAGE=${RUNTIME_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0}" . >/dev/null ||
  verdict_fail "docker build of the server image failed"

export JWT_SECRET
JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export MULTICA_HTTP_PORT MULTICA_HTTP_BIND=127.0.0.1 PROMETHEUS_PORT
MULTICA_HTTP_PORT=$(find_free_port 18080)
PROMETHEUS_PORT=$(find_free_port 19090)
COMPOSE+=(-p "$PROJECT" -f deploy/docker-compose.yml)

log "starting the stack ($PROJECT: proxy on 127.0.0.1:$MULTICA_HTTP_PORT, Prometheus on 127.0.0.1:$PROMETHEUS_PORT)"
"${COMPOSE[@]}" up -d --no-build >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; verdict_fail "compose up failed"; }

# Operator access without the development master code: the image's bootstrap verb mints a token.
"${COMPOSE[@]}" run --rm --no-deps api1 --bootstrap --email smoke@example.com >"$WORK/bootstrap.txt" 2>"$WORK/bootstrap.err" ||
  { cat "$WORK/bootstrap.err" >&2; verdict_fail "bootstrap failed"; }

set +e
python3 deploy/compose_smoke.py \
  --base "http://127.0.0.1:$MULTICA_HTTP_PORT" --prometheus "http://127.0.0.1:$PROMETHEUS_PORT" \
  --bootstrap "$WORK/bootstrap.txt" --psql "${COMPOSE[*]} exec -T postgres psql -U multica -d multica -qAtX" \
  --compose "${COMPOSE[*]}" \
  > "$WORK/verdict.txt"
set -e
verdict=$(tail -n1 "$WORK/verdict.txt")
head -n -1 "$WORK/verdict.txt"
teardown
trap - EXIT
echo "$verdict"
case $verdict in *" 0 failed"*) exit 0 ;; *) exit 1 ;; esac
