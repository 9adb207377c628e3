#!/usr/bin/env bash
# Playwright drives Debian's Chromium (its own browser download cannot work here).
# Installs the `chromium` package when it is missing and we are root; otherwise says how.
set -euo pipefail
CHROMIUM="${ORDINAL_CHROMIUM:-/usr/bin/chromium}"
# Screenshots of the Chinese UI need a CJK font; a missing one is installed alongside.
need_font=0
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh | grep -q .; then need_font=1; fi
if [ -x "$CHROMIUM" ] && [ "$need_font" = 0 ]; then
  exit 0
fi
if [ -x "$CHROMIUM" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing a CJK font (fonts-wqy-zenhei) so Chinese screenshots are legible…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-zenhei >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-zenhei >/dev/null; } \
    || echo "ensure-chromium: could not install fonts-wqy-zenhei; Chinese text will render as boxes in screenshots"
  exit 0
fi
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package with apt-get (about a minute)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei >/dev/null
  echo "ensure-chromium: installed $("$CHROMIUM" --version)"
  exit 0
fi
echo "ensure-chromium: Chromium is missing at $CHROMIUM. Install it with:" >&2
echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2
echo "(or set ORDINAL_CHROMIUM to a Chromium binary)" >&2
exit 1
