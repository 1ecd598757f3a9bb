#!/usr/bin/env bash
# Installs the Debian packages Otklik runs against, only if they are missing:
# ClickHouse (server + client) and PostgreSQL (the operational store) always; Chromium and its driver when called with --browsers
# (the browser tests need them). Safe to run again: a present package is left alone.
set -euo pipefail

want=()
[ -x /usr/sbin/clickhouse-server ] || [ -x /usr/bin/clickhouse-server ] || want+=(clickhouse-server clickhouse-client)
# any version's pg_ctl will do (PostgresServer takes the highest); Debian 12's `postgresql` is 15
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || want+=(postgresql)
if [ "${1:-}" = "--browsers" ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  [ -x /usr/bin/chromedriver ] || want+=(chromium-driver)
fi
[ ${#want[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "otklik: need root (or sudo) to install: ${want[*]}" >&2; exit 1
  fi
fi
echo "==> installing Debian packages: ${want[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
echo "==> installed: ${want[*]}"
