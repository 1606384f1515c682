# shellcheck shell=bash
# The runtime settings the server process starts with (sourced by run.sh and bench/run.sh; the Dockerfile
# sets the same in its ENV). They are read by the .NET runtime at start-up, before any of our code runs, so
# they cannot live in appsettings.json. See docs/operations.md, "Runtime settings".
#
# DOTNET_TC_CallCountingDelayMs=0: start counting calls for tier-1 compilation at once instead of waiting for
# 100 ms without new tier-0 code. A server that keeps meeting new code paths under load otherwise runs them
# unoptimised for a minute or more (docs/benchmarks.md, "The JIT's call-counting delay").
export DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs:-0}
