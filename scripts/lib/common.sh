#!/usr/bin/env bash
# Shared helpers for scripts/lib/*.sh. Source it; do not run it.
# Messages go to stderr so that functions whose stdout is captured stay clean.

if [ -n "${_MULTICA_COMMON_SH:-}" ]; then return 0; fi
_MULTICA_COMMON_SH=1

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as root: directly when we are root, else through sudo.
# sudo -n never prompts: CI has no stdin, so a password prompt would hang.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    warn "need root (or passwordless sudo) to run: $*"
    return 1
  fi
}

# Installs Debian/Ubuntu packages non-interactively. 'apt-get update' runs once
# per script run, since a fresh machine may have no package lists at all.
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    warn "apt-get not found: please install $* yourself"
    return 1
  fi
  # The lock timeout waits out e.g. unattended-upgrades on a freshly booted VM.
  local opts=(-q -y -o DPkg::Lock::Timeout=300)
  if [ -z "${_MULTICA_APT_UPDATED:-}" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" update </dev/null >&2 || return 1
    _MULTICA_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" install --no-install-recommends "$@" </dev/null >&2
}

# True when something listens on 127.0.0.1:PORT (or any address on PORT).
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    # Skip the header line; any remaining line is a listener on that port.
    ss -ltn "sport = :$port" 2>/dev/null | tail -n +2 | grep -q .
  else
    # No iproute2: a successful TCP connect means the port is taken.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# Prints the first free TCP port at or above START (tries 500 ports).
find_free_port() {
  local port=${1:?usage: find_free_port START} last
  last=$((port + 500))
  while [ "$port" -le "$last" ] && [ "$port" -le 65535 ]; do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  warn "no free TCP port between $1 and $last"
  return 1
}
