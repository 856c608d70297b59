#!/usr/bin/env bash
# Installs what PlaceBaseline needs from the system, only where it is missing:
# libcsv-dev and libxml2-dev (the C libraries the adapters wrap), libssl-dev (libcrypto's
# SHA-256 for the manifest), libxlsxwriter-dev (the workbook sink's .xlsx writer), pkg-config,
# and Python's jsonschema (the tests validate baseline.json with it) and openpyxl (the tests read
# baseline.xlsx back with it). Quiet when everything is there.
set -euo pipefail

missing=()
for package in libcsv-dev libxml2-dev libssl-dev libxlsxwriter-dev pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (Debian packages)…" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -c "import jsonschema" >/dev/null 2>&1; then
    echo "installing jsonschema (PyPI) for the schema tests…" >&2
    python3 -m pip install --quiet jsonschema
fi

if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
    echo "installing openpyxl (PyPI) for the workbook tests…" >&2
    python3 -m pip install --quiet openpyxl
fi
