#!/usr/bin/env bash
# Runs every test of Otklik: unit tests, integration tests against a real ClickHouse server,
# a real Kafka broker and a Flink MiniCluster, and browser tests in headless Chromium.
# Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/infra/install-packages.sh" --browsers
cd "$root"
exec mvn -B -ntp verify "$@"
