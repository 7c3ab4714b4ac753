#!/usr/bin/env bash
# Headless Chromium for `sdw report` (it prints the report's PDF) and for the report's browser
# test, with the font the report embeds (DejaVu Sans): Debian's chromium-headless-shell and
# fonts-dejavu-core, installed when missing and we are root. Without them the HTML report is still
# written, and the script says what to install.
set -euo pipefail
have_browser() { command -v chromium-headless-shell >/dev/null 2>&1 || command -v chromium >/dev/null 2>&1; }
if have_browser && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium-headless-shell and fonts-dejavu-core (for sdw report) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium-headless-shell fonts-dejavu-core >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium-headless-shell fonts-dejavu-core >/dev/null
  }
else
  echo "setup: sdw report prints its PDF with Chromium: apt-get install chromium-headless-shell fonts-dejavu-core" >&2
fi
