#!/usr/bin/env bash
# The project's benchmark: every pipeline in bench/pipelines/ on the standard inputs of
# ../shared/bench/gen.py, beside the floors (limits.sh) and the peers (peers.py), in one table.
#
#   bash bench/run.sh [--rows N] [--repeat K]      (from the package root; `make bench`)
#
#   --rows N     rows of the larger survey for the flat-memory check (default 5000000)
#   --repeat K   runs of each pipeline, floor and peer; the fastest counts (default 3)
#
# Inputs are made once into bench-data/ (git-ignored) and reused. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared="$root/../shared/bench"
big_rows=5000000
repeat=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) big_rows="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -d "$shared" ]; then
  echo "bench: ../shared/bench not found next to this clone; nothing to measure."
  exit 0
fi

# --- Tools --------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  echo "bench: installing GNU time (apt-get install time)…"
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi
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
if [ ! -f "$big/survey.csv" ]; then
  echo "bench: making a $big_rows-row survey in bench-data/rows-$big_rows/ (once)…"
  python3 "$shared/gen.py" "$big" --rows "$big_rows" --areas 1 --notes 1
fi

# --- Build ------------------------------------------------------------------------------------
# The Swift runtime linked in statically: calls into it (retain, release, thread-locals) are then
# direct, which measured 5–15% less CPU on every pipeline here; the binary is self-contained too.
echo "bench: swift build -c release --static-swift-stdlib…"
swift build -c release --static-swift-stdlib >/dev/null
bin="$root/.build/release/baseline"

# --- Floors and peers -------------------------------------------------------------------------
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Floors and peers run as often as the pipelines; each one's fastest run counts.
for _ in $(seq "$repeat"); do
  echo "bench: floors (../shared/bench/limits.sh)…"
  bash "$shared/limits.sh" "$data" | tee -a "$out/floors.txt"
  echo "bench: peers (../shared/bench/peers.py)…"
  python3 "$shared/peers.py" "$data" | tee -a "$out/peers.txt"
done

# --- Pipelines --------------------------------------------------------------------------------
# run PIPELINE NAME: the fastest of $repeat runs, as "NAME SECONDS PEAK_KB" in $out/runs.txt
# (a run that fails is shown, and the benchmark goes on with the next pipeline).
run() {
  local pipeline="$1" name="$2" best="" rss=0
  for _ in $(seq "$repeat"); do
    if ! /usr/bin/time -v -o "$out/time.txt" "$bin" run "$pipeline" --output "$out/output" --quiet; then
      echo "bench: $name failed (see the message above)"
      echo "$name failed 0" >> "$out/runs.txt"
      return
    fi
    local seconds kb
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")
    if [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; then best=$seconds; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  echo "$name $best $rss" >> "$out/runs.txt"
}

: > "$out/runs.txt"
for pipeline in bench/pipelines/*.yaml; do
  # Only pipelines: a file a pipeline uses (sdmx-indicators.yaml, a catalogue) has no `sources:`.
  grep -q '^sources:' "$pipeline" || continue
  name=$(basename "$pipeline" .yaml)
  echo "bench: $name ($repeat runs)…"
  run "$pipeline" "$name"
done

# The flat-memory check: the survey pipeline again on the larger survey.
if [ -f bench/pipelines/survey.yaml ]; then
  sed "s#\.\./\.\./bench-data/survey\.csv#$big/survey.csv#" bench/pipelines/survey.yaml > "$out/survey-big.yaml"
  echo "bench: survey at $big_rows rows…"
  run "$out/survey-big.yaml" "survey@$big_rows"
fi

# --- The table --------------------------------------------------------------------------------
python3 - "$out" "$data/survey.csv" "$big_rows" "$repeat" <<'PY'
import csv, re, sys
out, big_rows = sys.argv[1], int(sys.argv[3])
with open(sys.argv[2], newline="") as f:
    rows = sum(1 for _ in csv.reader(f)) - 1

def seconds(path):
    """The fastest time of each name in a file of "name   1.23 s" lines."""
    found = {}
    for line in open(path):
        m = re.match(r"(.+?)\s+([0-9.]+) s\b", line.strip())
        if m:
            name = m.group(1).strip()
            found[name] = min(float(m.group(2)), found.get(name, float("inf")))
    return found

floors, peers = seconds(f"{out}/floors.txt"), seconds(f"{out}/peers.txt")
runs = {name: (None if s == "failed" else float(s), int(kb)) for name, s, kb in (l.split() for l in open(f"{out}/runs.txt"))}
# Which floor and which peers each pipeline is measured against, by name.
against = {
    "survey": ("libcsv parse", ["pandas survey", "polars survey", "duckdb survey"]),
    "sdmx": ("libxml2 reader", ["lxml sdmx"]),
    "notes": ("grep -F phrases", ["python notes"]),
}

def cell(value, width, fmt):
    return (fmt % value if value is not None else "—").rjust(width)

print()
print(f"{'pipeline':<18}{'seconds':>8}{'peak MB':>9}   {'floor':<16}{'s':>6}{'×floor':>8}   {'best peer':<15}{'s':>6}{'×peer':>7}")
print("-" * 97)
for name in sorted(n for n in runs if "@" not in n):
    s, kb = runs[name]
    floor_name, peer_names = against.get(name.split("-")[0], (None, []))
    floor = floors.get(floor_name)
    peer = min(((peers[p], p) for p in peer_names if p in peers), default=(None, None))
    print(f"{name:<18}{cell(s, 8, '%.2f') if s is not None else '  failed'}{cell(kb / 1024 if s is not None else None, 9, '%.1f')}"
          f"   {floor_name or '(none)':<16}{cell(floor, 6, '%.2f')}"
          f"{cell(s / floor if s and floor else None, 8, '%.2f')}   {peer[1] or '(none)':<15}{cell(peer[0], 6, '%.2f')}"
          f"{cell(s / peer[0] if s and peer[0] else None, 7, '%.2f')}")
big = runs.get(f"survey@{big_rows}")
if big and big[0] is not None and runs.get("survey", (None,))[0] is not None:
    small = runs["survey"]
    print()
    print(f"flat memory: survey at {rows:,} rows {small[1] / 1024:.1f} MB, at {big_rows:,} rows {big[1] / 1024:.1f} MB "
          f"(×{big[1] / small[1]:.2f} memory for ×{big_rows / rows:.1f} rows; {big[0]:.2f} s)")
print("(seconds: fastest of %s runs, wall clock, for pipelines, floors and peers alike; peak MB: maximum resident set;" % sys.argv[4])
print(" ×floor, ×peer: pipeline ÷ them, lower is better)")
PY
