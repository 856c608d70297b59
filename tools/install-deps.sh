#!/usr/bin/env bash
# Installs what PlaceBaseline needs from the system, only where it is missing, so that running it
# again does nothing: libcsv-dev and libxml2-dev (the C libraries the adapters wrap), libssl-dev
# (libcrypto's SHA-256 for the manifest), libxlsxwriter-dev (the workbook sink's .xlsx writer),
# pkg-config, and Python's jsonschema (the tests validate baseline.json with it) and openpyxl (the
# tests read baseline.xlsx back with it).
#
# Then what scripts/check-dashboard.py needs for its whole check (`make check-dashboard`, part of
# `make test`): chromium (the page at 1100 and 390 px, and printed to PDF), poppler-utils
# (pdftotext, to read the PDF back) and the PyPI package axe-core-python (axe-core's WCAG 2 rules).
# These three are wanted, not required: if one cannot be installed here, this says so and goes on,
# and the check skips that part with a message.
#
# pip refuses to install into a Python that Debian manages (PEP 668, "externally managed"); then
# the package is installed with --break-system-packages, as a developer machine's tests need it.
# Quiet when everything is there.
set -euo pipefail

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=false

# apt_install PACKAGE…: installs the Debian packages; the package lists are fetched once.
apt_install() {
    if [ "$updated" = false ]; then
        $sudo apt-get update -qq >/dev/null
        updated=true
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# pip_install PACKAGE: installs a PyPI package for python3, past PEP 668 where the system says
# the Python is externally managed.
pip_install() {
    python3 -m pip install --quiet "$1" 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages "$1"
}

missing=()
for package in libcsv-dev libxml2-dev libssl-dev libxlsxwriter-dev pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (Debian packages)…" >&2
    apt_install "${missing[@]}"
fi

if ! python3 -c "import jsonschema" >/dev/null 2>&1; then
    echo "installing jsonschema (PyPI) for the schema tests…" >&2
    pip_install jsonschema
fi

if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
    echo "installing openpyxl (PyPI) for the workbook tests…" >&2
    pip_install openpyxl
fi

# The dashboard check's tools: wanted, not required.
wanted=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || wanted+=(chromium)
command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
for package in "${wanted[@]}"; do
    echo "installing $package (Debian package) for the dashboard check…" >&2
    apt_install "$package" || echo "install-deps: could not install $package; scripts/check-dashboard.py will skip what needs it" >&2
done

if ! python3 -c "import axe_core_python" >/dev/null 2>&1; then
    echo "installing axe-core-python (PyPI) for the dashboard's accessibility check…" >&2
    pip_install axe-core-python || echo "install-deps: could not install axe-core-python; the accessibility check will be skipped" >&2
fi
