#!/usr/bin/env bash
# Sets up everything the kiosk and its tests need, on Debian or Ubuntu; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's xcb plugin libraries, a CJK font, offline Mandarin speech, ZBar for the second-opinion decoder;
# for the screen-reader tests (tests/screen_reader): a virtual X server, a D-Bus bus, the AT-SPI
# bus and registry, xdotool to give a window the input focus, the Orca screen reader and its voice;
# PostgreSQL for the district store's tests (a throwaway cluster each run, tests/district);
# Chromium, headless, for the fleet page's browser test (tests/district/test_fleet_browser.py).
APT_PACKAGES=(
  fonts-noto-cjk espeak-ng libzbar0
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libasound2 libpulse0
  xvfb dbus-daemon at-spi2-core xdotool orca speech-dispatcher-espeak-ng
  postgresql
  chromium
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv

# Reinstall only when the dependency files change.
stamp=.venv/.installed
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
  # The offline OCR, without its opencv-python (pyproject.toml lists what it needs instead).
  .venv/bin/python -m pip install -q -c constraints.txt --no-deps rapidocr-onnxruntime
  echo "$want" > "$stamp"
fi
