#!/usr/bin/env bash
# The project's benchmark: every pipeline in bench/pipelines/ on the standard inputs of
# ../shared/bench/gen.py, beside the floors (limits.sh) and the peers (peers.py), in one table.
#
#   bash bench/run.sh [--rows N] [--repeat K] [--only WORD]   (from the package root; `make bench`)
#
#   --rows N     rows of the larger survey for the flat-memory check (default 5000000)
#   --repeat K   rounds; each runs the floors, every pipeline once, the Millbrook sample (3 times), the
#                peers (default 3; `make bench` runs 5)
#   --only WORD  only the pipelines whose name starts with WORD (survey, sdmx, notes, millbrook for
#                the sample), with their floors; the peers all run (peers.py runs them together)
#
# Every verdict is decided on paired medians: per round, the pipeline's time ÷ its floor's or a
# peer's in that same round, then the median of those ratios over the rounds.
#
# Inputs are made once into bench-data/ (git-ignored) and reused. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared="$root/../shared/bench"
big_rows=5000000
repeat=3
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) big_rows="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2
              [[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --repeat takes a number of 1 or more" >&2; exit 2; } ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# wanted NAME: whether a pipeline (or the sample, "millbrook") is measured under --only.
wanted() { [ -z "$only" ] || [[ "$1" == "$only"* ]]; }

if [ ! -d "$shared" ]; then
  echo "bench: ../shared/bench not found next to this clone; nothing to measure."
  exit 0
fi

# --- Tools --------------------------------------------------------------------------------
# peers.py runs pandas, polars (eager and lazy), duckdb (per question and one query) and lxml.
if ! python3 -c "import pandas, polars, duckdb, lxml" 2>/dev/null; then
  echo "bench: installing the peers (pip install pandas polars duckdb lxml)…"
  python3 -m pip install --quiet pandas polars duckdb lxml
fi

# --- Inputs, made once ------------------------------------------------------------------------
data="$root/bench-data"
if [ ! -f "$data/survey.csv" ]; then
  echo "bench: making the inputs in bench-data/ (once)…"
  python3 "$shared/gen.py" "$data"
fi
big="$data/rows-$big_rows"
if [ ! -f "$big/survey.csv" ] && wanted survey; then
  echo "bench: making a $big_rows-row survey in bench-data/rows-$big_rows/ (once)…"
  python3 "$shared/gen.py" "$big" --rows "$big_rows" --areas 1 --notes 1
fi

# --- Build ------------------------------------------------------------------------------------
# `make release`: the Swift runtime linked in statically and concrete type metadata reached
# without mangled-name look-ups (the flags and why: RELEASE_FLAGS in the Makefile).
echo "bench: make release…"
make -s release >/dev/null
bin="$root/.build/release/baseline"

# --- Rounds: floors, pipelines, the sample and peers, interleaved ----------------------------
# The machine is shared and its speed drifts by tens of percent from minute to minute. So each
# round runs the floors, then every pipeline once, the Millbrook sample, then the peers, and
# every ratio is paired: pipeline ÷ floor (or peer) in the same round, then the median over rounds.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The floors are limits.sh's: the same C programs (compiled here from ../shared/bench, into the
# temporary directory) and the same grep, each run under timeit (below) so that its CPU time is known
# as well as its wall time. As in limits.sh, grep's counts go to a file: with output to /dev/null
# GNU grep stops reading each file at its first match.
cc -O2 "$shared/csv_limit.c" -lcsv -o "$out/csv_limit"
cc -O2 "$shared/xml_limit.c" $(pkg-config --cflags --libs libxml-2.0) -o "$out/xml_limit"
# The parallel-parse floor (ours, not limits.sh's): libcsv on two threads, the file cut at record
# boundaries, callbacks that only count. What parsing with libcsv on both cores could reach at best.
cc -O2 -pthread bench/csv_split_limit.c -lcsv -o "$out/csv_split_limit"

# timeit (bench/timeit.c) runs each measured command: wall time from just before its fork to
# its exit (CLOCK_MONOTONIC), CPU (user + sys) and peak RSS from wait4 in microseconds and KB.
cc -O2 bench/timeit.c -o "$out/timeit"
# pingpong (bench/pingpong.c): a cache line's round trip between two threads, in ns, before and
# after the rounds: about 100 when the machine's two vCPUs pass data fast, about 400 in its slow mode.
cc -O2 -pthread bench/pingpong.c -o "$out/pingpong"
handoff_before=$("$out/pingpong")

# measure NAME ROUND OUTFILE COMMAND…: one run under timeit, appended to $out/runs.txt as
# "NAME<TAB>ROUND<TAB>wall<TAB>user+sys<TAB>peak KB" (a run that fails is shown and marked failed;
# the benchmark goes on). The command's standard output goes to OUTFILE. (Until 2026-12-07 this
# was GNU time inside `date +%s%N`: CPU in 10 ms steps, and 2.5–3 ms of starting `date` and
# `time` counted in every wall time, which is most of the Millbrook sample's distance to 30 ms.)
measure() {
  local name="$1" round="$2" stdout="$3"; shift 3
  if ! "$out/timeit" "$out/time.txt" "$stdout" "$@"; then
    echo "bench: $name failed in round $round (see the message above)"
    printf '%s\t%s\tfailed\t0\t0\n' "$name" "$round" >> "$out/runs.txt"
    return
  fi
  awk -v n="$name" -v r="$round" '{ printf "%s\t%s\t%.4f\t%.4f\t%s\n", n, r, $1, $2, $3 }' "$out/time.txt" >> "$out/runs.txt"
}

: > "$out/runs.txt"
: > "$out/peers.txt"
pipelines=()
for pipeline in bench/pipelines/*.yaml; do
  # Only pipelines: a file a pipeline uses (sdmx-indicators.yaml, a catalogue) has no `sources:`.
  grep -q '^sources:' "$pipeline" && wanted "$(basename "$pipeline" .yaml)" && pipelines+=("$pipeline")
done
sample=pipelines/millbrook-2025.yaml
for round in $(seq "$repeat"); do
  echo "bench: round $round of $repeat: floors…"
  if wanted survey; then
    measure "libcsv parse" "$round" /dev/null "$out/csv_limit" "$data/survey.csv"
    measure "libcsv 2 threads" "$round" /dev/null "$out/csv_split_limit" "$data/survey.csv" 2
  fi
  wanted sdmx && measure "libxml2 reader" "$round" /dev/null "$out/xml_limit" "$data/data.xml"
  wanted notes && measure "grep -F phrases" "$round" "$out/grep.txt" grep -r -c -i -w -F -f "$data/phrases.txt" "$data/notes"
  for pipeline in "${pipelines[@]}"; do
    name=$(basename "$pipeline" .yaml)
    echo "bench: round $round of $repeat: $name…"
    rm -rf "$out/output/$name"
    measure "$name" "$round" /dev/null "$bin" run "$pipeline" --output "$out/output/$name" --quiet
  done
  if [ -f "$sample" ] && wanted millbrook; then
    # The fixed cost of one run: the Millbrook sample is small, so its time is mostly start-up,
    # YAML, the reports and JSON.
    # Three runs a round (each into a fresh output folder), as rounds 10r+1..10r+3: its figure is
    # the median of all of them, steadier than one run a round for a run this short.
    for k in 1 2 3; do
      rm -rf "$out/output/millbrook"
      measure "millbrook sample" "$((round * 10 + k))" /dev/null "$bin" run "$sample" --output "$out/output/millbrook" --quiet
    done
  fi
  echo "bench: round $round of $repeat: peers (../shared/bench/peers.py)…"
  python3 bench/peers_cpu.py "$shared/peers.py" "$data" | sed "s/^/$round	/" | tee -a "$out/peers.txt" \
    || echo "bench: the peers failed in round $round"
done

# The flat-memory check: the survey pipeline again on the larger survey (memory, not time).
if [ -f bench/pipelines/survey.yaml ] && wanted survey; then
  sed "s#\.\./\.\./bench-data/survey\.csv#$big/survey.csv#" bench/pipelines/survey.yaml > "$out/survey-big.yaml"
  echo "bench: survey at $big_rows rows…"
  measure "survey@$big_rows" 1 /dev/null "$bin" run "$out/survey-big.yaml" --output "$out/output/survey-big" --quiet
fi

# --- The table --------------------------------------------------------------------------------
python3 bench/table.py "$out" "$data/survey.csv" "$big_rows" "$repeat"
echo "a cache line's round trip between two threads (bench/pingpong.c): $handoff_before ns before the rounds, $("$out/pingpong") ns after"
echo "(about 100 ns: the vCPUs in their fast mode; about 400 ns: the slow mode, multi-threaded runs 20-30% slower)"
