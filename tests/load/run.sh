#!/usr/bin/env bash
# Load benchmarks against real fairdrop-server processes on loopback. Not part of `make test`: run
# `make bench`. Each scenario is bounded in time and stops everything it started.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for scenario in http_core login_storm catalog reserve audit console_startup; do
  bash "$here/$scenario.sh"
done
