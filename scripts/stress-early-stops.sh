#!/usr/bin/env bash
# Runs the real `baseline` binary many times on inputs that make a run stop early — while a
# reader thread is mid-file — with both cores kept busy by other processes, and checks that every
# run exits 1 with its located error line: no crash (exit ≥ 128), no hang, no staging folder left.
#
#   scripts/stress-early-stops.sh [RUNS] [BINARY]      (default 500 runs of .build/debug/baseline)
#
# The three early stops, taken in turn:
#   xml    a 1 MB SDMX *structure* message where data belongs: refused at its root element while
#          libxml2's thread is filling chunks;
#   csv    a 200,000-row survey whose 4th row (line 5) is ragged, under `on_error: fail`: the run stops
#          while libcsv parses ahead;
#   notes  a folder of 1,500 notes whose first has front matter that is never closed: the run
#          stops while the notes are read ahead on the source's thread.
set -euo pipefail
runs=${1:-500}
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${2:-$root/.build/debug/baseline}
[ -x "$binary" ] || { echo "no binary at $binary: run swift build first" >&2; exit 2; }

work=$(mktemp -d)
busy=()
cleanup() {
    # KILL: a shell started by a test runner may have SIGTERM ignored, and a busy loop left
    # running would also hold the runner's pipes open.
    for pid in "${busy[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
# xml: a structure message of about 1 MB.
parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
         'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">\n'
         '<mes:Header><mes:ID>X</mes:ID></mes:Header>\n<mes:Structures><str:Codelists><str:Codelist id="CL_AREA" agencyID="X" version="1.0">\n']
size, i = sum(map(len, parts)), 0
while size < 1_100_000:
    line = f'<str:Code id="E{i:08d}"><com:Name xml:lang="en">Area number {i}</com:Name></str:Code>\n'
    parts.append(line); size += len(line); i += 1
parts.append('</str:Codelist></str:Codelists></mes:Structures></mes:Structure>\n')
open(f'{work}/structure.xml', 'w').write(''.join(parts))
# csv: a ragged 5th row in a large export.
with open(f'{work}/survey.csv', 'w') as f:
    f.write('Organisation,Partners here trust each other\n')
    for n in range(200_000):
        f.write('Council,Agree\n' if n != 3 else 'Council,Agree,extra\n')
# notes: the first note's front matter is never closed.
os.makedirs(f'{work}/notes')
open(f'{work}/notes/0000.md', 'w').write('---\nrole: manager\n\nNo closing line.\n')
for n in range(1, 1500):
    open(f'{work}/notes/{n:04d}.md', 'w').write('---\nrole: officer\n---\n\nWe work in silos and housing is hard.\n')
for kind, source in {
    'xml': '  - id: stats\n    adapter: xml-dataset\n    path: structure.xml\n    sdmx: {}\n',
    'csv': '  - id: survey\n    adapter: csv-survey\n    on_error: fail\n    path: survey.csv\n    groups: [Organisation]\n'
           '    questions:\n      - { column: Partners here trust each other, id: trust }\n',
    'notes': '  - id: notes\n    adapter: interview-notes\n    path: notes\n',
}.items():
    open(f'{work}/{kind}.yaml', 'w').write(f'place: {{ name: Stress, code: E07999001 }}\nperiod: 2025\nsources:\n{source}sinks:\n  - sink: dashboard-json\n')
PY

# Keep both cores busy, as another job on the machine would.
for _ in 1 2; do
    ( while :; do :; done ) </dev/null >/dev/null 2>&1 &
    busy+=($!)
    disown
done

declare -A expected=([xml]='structure.xml:2:1: error:' [csv]='survey.csv:5:' [notes]='0000.md:1')
crashes=0 missing=0 hangs=0 leftovers=0
kinds=(xml csv notes)
for ((n = 0; n < runs; n++)); do
    kind=${kinds[n % 3]}
    status=0
    timeout 60 "$binary" run "$work/$kind.yaml" --output "$work/out" >"$work/stdout" 2>"$work/stderr" || status=$?
    if [ "$status" -eq 124 ]; then
        hangs=$((hangs + 1)); echo "run $n ($kind): hung (killed after 60 s)" >&2
    elif [ "$status" -ge 128 ]; then
        crashes=$((crashes + 1)); echo "run $n ($kind): exit $status" >&2
    elif [ "$status" -ne 1 ] || ! grep -qF "${expected[$kind]}" "$work/stderr"; then
        missing=$((missing + 1)); echo "run $n ($kind): exit $status without its located error: $(head -c 300 "$work/stderr")" >&2
    fi
    if compgen -G "$work/out/stress/.2025.*" >/dev/null; then
        leftovers=$((leftovers + 1)); rm -rf "$work/out/stress/".2025.*
        echo "run $n ($kind): left a staging folder" >&2
    fi
done
failed=$((crashes + missing + hangs + leftovers))
echo "stress: $runs early-stopping runs with both cores busy: $crashes crashed, $hangs hung, $missing without their located error, $leftovers left a staging folder"
echo "stress: $((runs - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
