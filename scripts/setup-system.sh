#!/usr/bin/env bash
# Installs the system packages some features and their tests need, from Debian's repositories:
#   redis-server  — distributed Monte Carlo (BullMQ) tests
#   chromium      — browser tests of the report and the web app (driven by playwright-core; no browser download)
# Idempotent: does nothing when both are present. Needs root (or sudo) only when something is missing.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: redis-server and chromium present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-system: installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
