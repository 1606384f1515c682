#!/bin/bash
# Active health checks for open-source nginx (docs/containers.md, "The balancer's health checks").
#
# Mounted into the nginx container as /docker-entrypoint.d/90-multica-health.sh: the image's entrypoint runs it
# before nginx starts. It writes the pool's member list (/etc/nginx/multica-pool.conf, included by the
# "upstream multica" block of deploy/nginx.conf) and leaves a loop behind that asks each replica's /readyz every
# MULTICA_HEALTH_INTERVAL seconds (default 1) and, when the set of ready replicas changes, rewrites the list and
# reloads nginx (a graceful reload: calls in flight finish on the old workers).
#
# A replica leaves the pool after MULTICA_HEALTH_FALL failed probes in a row (default 2) and comes back after
# MULTICA_HEALTH_RISE answered ones (default 2). A probe fails when /readyz does not answer 200 within
# MULTICA_HEALTH_TIMEOUT seconds (default 1): a replica that crashed, hangs, or lost its database or Redis.
# When no replica is ready, every replica whose name resolves stays in the pool (fail open: nginx's own passive
# failover then decides, as without this script), so the balancer never empties itself.
# The list names each member by the address its name resolves to now, and a changed address is a change: nginx
# resolves names only when it loads its configuration, so a replica whose container came back with another address
# would otherwise be sought at its old one.
set -u

NODES=${MULTICA_HEALTH_NODES:-api1:8080 api2:8080}
INTERVAL=${MULTICA_HEALTH_INTERVAL:-1}
TIMEOUT=${MULTICA_HEALTH_TIMEOUT:-1}
FALL=${MULTICA_HEALTH_FALL:-2}
RISE=${MULTICA_HEALTH_RISE:-2}
POOL=/etc/nginx/multica-pool.conf

say() { echo "$(date -u '+%Y/%m/%d %H:%M:%S') multica-health: $*" >&2; }

# The pool's lines for the given members, "name=address:port" or a bare "name:port" (nginx's passive failover
# stays on as a second line of defence).
pool_lines() {
  local member
  for member in "$@"; do echo "server ${member#*=} max_fails=1 fail_timeout=2s;  # ${member%%=*}"; done
}

# Whether the replica answers GET /readyz with 200 in time (bash's /dev/tcp: the image needs no HTTP client).
probe() {
  local host=${1%:*} port=${1##*:}
  timeout "$TIMEOUT" bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "GET /readyz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" "$0" >&3
    IFS= read -r status <&3
    case $status in "HTTP/1."?" 200 "*) exit 0 ;; *) exit 1 ;; esac' "$host" "$port" 2>/dev/null
}

# "name=address:port" for a replica whose name resolves, nothing otherwise.
member() {
  local address
  address=$(getent ahostsv4 "${1%:*}" 2>/dev/null | awk 'NR == 1 {print $1}')
  [ -n "$address" ] && echo "$1=$address:${1##*:}"
}

# Counts one probe of NODE (1 answered, 0 failed) in loop's up/streak tables (bash functions see their caller's
# locals): the node's state flips after RISE answered or FALL failed probes in a row that disagree with it.
observe() {
  local node=$1 answered=$2 need=$FALL
  if [ "${up[$node]}" = "$answered" ]; then streak[$node]=0; return; fi
  [ "$answered" = 1 ] && need=$RISE
  streak[$node]=$(( ${streak[$node]} + 1 ))
  [ "${streak[$node]}" -ge "$need" ] || return 0
  up[$node]=$answered
  streak[$node]=0
  if [ "$answered" = 1 ]; then say "$node is ready again"; else say "$node failed $FALL probes of /readyz"; fi
}

loop() {
  declare -A up=() streak=()
  local node applied="" members wanted
  for node in $NODES; do up[$node]=1; streak[$node]=0; done
  applied=$NODES
  while sleep "$INTERVAL"; do
    for node in $NODES; do
      if probe "$node"; then observe "$node" 1; else observe "$node" 0; fi
    done
    members=""
    for node in $NODES; do [ "${up[$node]}" = 1 ] && members="$members $(member "$node")"; done
    members=$(echo $members)
    if [ -z "$members" ]; then
      for node in $NODES; do members="$members $(member "$node")"; done
    fi
    wanted=$(echo $members)
    [ -n "$wanted" ] && [ "$wanted" != "$applied" ] || continue
    # shellcheck disable=SC2086 # one word per member
    pool_lines $wanted > "$POOL.new" && mv "$POOL.new" "$POOL"
    # "nginx -s reload" only signals the master, which keeps its old configuration if the new one does not load:
    # test it first, so a change counts as applied only when nginx took it.
    if nginx -t -q 2>/dev/null && nginx -s reload 2>/dev/null; then
      say "pool: $wanted"
      applied=$wanted
    else
      say "reload with pool '$wanted' failed; trying again"
      applied=""
    fi
  done
}

# Before nginx starts, the pool is every replica by name (nginx resolves them as it starts).
# shellcheck disable=SC2086
pool_lines $NODES > "$POOL"
loop </dev/null >/dev/null &
