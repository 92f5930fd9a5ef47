#!/usr/bin/env bash
# Install what the analysis/visualisation part of govkg needs at the OS level:
#   chromium          headless browser for the HTML-export tests (pytest -m browser)
#   fonts-noto-cjk    a CJK font so matplotlib charts and drawings show Chinese labels
# Idempotent: does nothing when everything is already installed.
# Usage: scripts/setup-browser.sh   (as root, or with sudo available)
set -euo pipefail

PKGS=(chromium fonts-noto-cjk)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-browser: already installed: ${PKGS[*]}"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-browser: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# matplotlib caches the font list: drop the cache so the new font is found.
rm -rf "${HOME:-/root}/.cache/matplotlib" 2>/dev/null || true
if command -v fc-cache >/dev/null 2>&1; then fc-cache -f >/dev/null 2>&1 || true; fi
echo "setup-browser: done ($(command -v chromium || echo 'chromium not on PATH'))"
