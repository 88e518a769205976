#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when it is missing.
# Never downloads a browser from anywhere else.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Chromium is missing; installing Debian's chromium package" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei
else
  echo "cannot install chromium: run 'apt-get install chromium' as root" >&2
  exit 1
fi
