#!/usr/bin/env bash
# Playwright drives Debian's Chromium; browsers are never downloaded by the tests.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: install Debian's package with 'sudo apt-get install -y chromium' and run again." >&2
  exit 1
fi
echo "Installing Debian's chromium for the end-to-end tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
