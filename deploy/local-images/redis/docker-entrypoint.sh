#!/bin/sh
# As the official image: leading options or a .conf file go to redis-server, which listens on every
# interface without protected mode (the container's network is the boundary).
set -e
case "$1" in -*|*.conf) set -- redis-server "$@" ;; esac
if [ "$1" = redis-server ]; then
  shift
  set -- redis-server --bind '* -::*' --protected-mode no --dir /data "$@"
fi
exec "$@"
