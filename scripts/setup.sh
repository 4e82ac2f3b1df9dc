#!/usr/bin/env bash
# Installs what anthology needs on a fresh Debian machine with Node 20:
#   the npm dependencies (never a browser download), Debian's Chromium when no browser exists, and
#   Debian's Noto Color Emoji (without an emoji font, an emoji prints in the PDF as an empty box).
#   With --test, also what the test suite needs: epubcheck (and with it Java, which the Nu Html
#   Checker from vnu-jar runs on too) and poppler-utils (pdftotext, pdfinfo, pdfimages).
# Safe to run again: it skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
for_bench=false
[ "${1:-}" = "--test" ] && for_tests=true
[ "${1:-}" = "--bench" ] && for_bench=true

say() { printf 'setup: %s\n' "$*" >&2; }

# 1. npm dependencies, reinstalled only when package-lock.json changed.
stamp=node_modules/.anthology-setup
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "installing npm dependencies (npm ci)…"
  PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

# 2. System packages from Debian.
have_browser() {
  for candidate in "${PUPPETEER_EXECUTABLE_PATH:-}" "${CHROME_PATH:-}"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && return 0
  done
  for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}

packages=()
have_browser || packages+=(chromium)
# Chromium finds the emoji font through fontconfig; print.css names it (`Anthology Emoji`).
fc-list ':family=Noto Color Emoji' 2>/dev/null | grep -q . || packages+=(fonts-noto-color-emoji)
if $for_tests; then
  command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
  [ -f /usr/share/java/epubcheck.jar ] || packages+=(epubcheck)
fi
if $for_bench; then
  command -v pandoc >/dev/null 2>&1 || packages+=(pandoc)
fi

if [ ${#packages[@]} -gt 0 ]; then
  apt=()
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then apt=(sudo apt-get); fi
  if [ ${#apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${packages[*]}…"
    "${apt[@]}" update -qq || say "apt-get update failed; trying with the package lists there are"
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${packages[@]}" >/dev/null; then
      $for_tests && exit 1
      say "could not install ${packages[*]}"
    fi
  elif $for_tests; then
    say "missing: ${packages[*]}. Install them (Debian/Ubuntu: apt-get install -y ${packages[*]}) and run again."
    exit 1
  else
    say "missing: ${packages[*]} and apt-get is not usable."
    have_browser || say "Without a browser the PDF is not built (apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH)."
    fc-list ':family=Noto Color Emoji' 2>/dev/null | grep -q . || say "Without an emoji font an emoji prints in the PDF as an empty box (apt-get install -y fonts-noto-color-emoji)."
  fi
fi

# 3. The compiled CLI (bin/anthology.js runs the TypeScript through tsx until it is current).
node scripts/build-cli.mjs --if-stale
