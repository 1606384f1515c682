#!/usr/bin/env bash
# Makes sure a .NET 10 SDK is usable (global.json pins 10.0.x). Source it.

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

_dotnet_has_sdk10() {
  command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'
}

ensure_dotnet() {
  # Quiet, non-interactive CLI: no banner, telemetry or first-run work.
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  if ! command -v dotnet >/dev/null 2>&1; then
    # An SDK may be installed but not on PATH (e.g. by dotnet-install.sh).
    local d
    for d in "${DOTNET_ROOT:-}" "${HOME:-/nonexistent}/.dotnet" /usr/share/dotnet /usr/lib/dotnet; do
      if [ -n "$d" ] && [ -x "$d/dotnet" ]; then
        export DOTNET_ROOT=$d PATH="$d:$PATH"
        break
      fi
    done
  fi
  _dotnet_has_sdk10 && return 0
  log ".NET 10 SDK not found; trying apt-get install dotnet-sdk-10.0"
  apt_install dotnet-sdk-10.0 || true
  if ! _dotnet_has_sdk10; then
    warn "the .NET 10 SDK (10.0.x, pinned in global.json) is required but could not be installed."
    warn "Install it (package dotnet-sdk-10.0, or https://dot.net) and make sure 'dotnet' is on PATH."
    return 1
  fi
}
