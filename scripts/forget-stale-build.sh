#!/usr/bin/env bash
# Usage: bash scripts/forget-stale-build.sh BUILD-FOLDER
# Removes BUILD-FOLDER when the main package's list of source files has changed since it was
# made. A package that depends on this one by path (Fuzzing/, Examples/CustomAdapter/) builds it
# in its own build folder, and SwiftPM does not notice a file added to (or removed from) a
# target of the path dependency there: the next build fails with "cannot find type …" until the
# folder is removed. Called by the Makefile and Fuzzing/fuzz.sh before those builds.
set -euo pipefail
folder=${1:?usage: forget-stale-build.sh BUILD-FOLDER}
root=$(cd "$(dirname "$0")/.." && pwd)
stamp=$folder/placebaseline-sources.list
list=$(cd "$root" && { echo Package.swift; find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap' -o -name '*.c'; } | LC_ALL=C sort)
if [ -d "$folder" ] && [ "$(cat "$stamp" 2>/dev/null)" != "$list" ]; then
    echo "the main package's files changed since $folder was built: building it afresh"
    rm -rf "$folder"
fi
mkdir -p "$folder"
printf '%s\n' "$list" >"$stamp"
