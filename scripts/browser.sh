#!/usr/bin/env bash
# Installs Debian's Chromium + chromedriver for the browser tests (tests/test_browser.py) when
# /usr/bin/chromium is absent.  Playwright drives this Chromium: never run `playwright install`
# (it downloads browsers from a CDN, which CI machines here cannot reach).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null | tail -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version 2>/dev/null | tail -1
