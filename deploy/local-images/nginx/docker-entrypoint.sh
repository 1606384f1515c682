#!/bin/sh
# As the official nginx image's entrypoint: before nginx starts, run each executable /docker-entrypoint.d/*.sh in
# name order (deploy/nginx-health.sh is mounted there by deploy/docker-compose.yml).
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
  for f in $(find /docker-entrypoint.d/ -follow -type f -name '*.sh' 2>/dev/null | sort -V); do
    if [ -x "$f" ]; then
      echo "$0: running $f"
      "$f"
    else
      echo "$0: ignoring $f, not executable"
    fi
  done
fi
exec "$@"
