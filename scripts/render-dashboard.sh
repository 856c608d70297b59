#!/usr/bin/env bash
# Renders a dashboard.html to one PNG of the whole page with headless Chromium, to look at
# before calling it done. A width under 500 px (a phone's: 390) is emulated over the DevTools
# protocol, since Chromium's own window cannot be that narrow.
#   scripts/render-dashboard.sh output/millbrook/2025/dashboard.html [out.png] [width]
# Installs Debian's chromium if it is missing. The page loads nothing from the network.
# scripts/check-dashboard.py checks the page at 1100 and 390 px and in print.
set -euo pipefail
page=${1:?usage: render-dashboard.sh DASHBOARD.html [OUT.png] [WIDTH]}
png=${2:-${page%.html}.png}
width=${3:-1100}
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq chromium >/dev/null
fi
# The page's own height, measured once laid out: the picture holds all of it, however long.
python3 "$(dirname "$0")/check-dashboard.py" --render "$page" "$png" "$width"
echo "$png"
