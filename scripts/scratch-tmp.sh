#!/usr/bin/env bash
# Runs a command with TMPDIR pointing at a folder of its own, and removes that folder after,
# whatever the command's outcome. `make test` runs under it: the tests and the `baseline` runs
# they start make thousands of scratch folders in the temporary directory (one per temporary
# file in BaselineCSVTests alone), and a test suite must not leave them behind on a user's
# machine. Exits with the command's status.
set -uo pipefail
scratch=$(mktemp -d "${TMPDIR:-/tmp}/placebaseline-tests.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
TMPDIR="$scratch" "$@"
