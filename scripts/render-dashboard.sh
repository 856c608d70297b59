#!/usr/bin/env bash
# Renders a dashboard.html to a PNG with headless Chromium, to look at before calling it done.
#   scripts/render-dashboard.sh output/millbrook/2025/dashboard.html [out.png] [width]
# Installs Debian's chromium if it is missing. The page loads nothing from the network.
set -euo pipefail
page=${1:?usage: render-dashboard.sh DASHBOARD.html [OUT.png] [WIDTH]}
png=${2:-${page%.html}.png}
width=${3:-1100}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
fi
height=$(python3 - "$page" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
# A generous estimate of the page height, so the screenshot holds all of it.
print(max(900, 70 * html.count("<tr") // 3 + 130 * html.count("<article") + 600))
PY
)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
    --screenshot="$png" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" >/dev/null 2>&1
echo "$png"
