# Headless Chromium for the operator dashboard's browser test (tests/Multica.IntegrationTests/Dashboard).
# shellcheck shell=bash

# Installs Debian's chromium when no browser is there; says so loudly when it cannot (the test then skips).
ensure_chromium() {
  if [ -n "${MULTICA_TEST_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    return 0
  fi
  log "chromium not found; installing it with apt-get (for the dashboard browser test)"
  if apt_install chromium && command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  echo "!!! COULD NOT INSTALL CHROMIUM: the dashboard browser test will be skipped !!!" >&2
  return 1
}
