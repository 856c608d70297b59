#!/usr/bin/env bash
# The project's benchmark: every pipeline in bench/pipelines/ on the standard inputs of
# ../shared/bench/gen.py, beside the floors (limits.sh) and the peers (peers.py), in one table.
#
#   bash bench/run.sh [--rows N] [--repeat K]      (from the package root; `make bench`)
#
#   --rows N     rows of the larger survey for the flat-memory check (default 5000000)
#   --repeat K   rounds; each runs the floors, every pipeline once and the peers (default 3)
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
    --repeat) repeat="$2"; shift 2
              [[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --repeat takes a number of 1 or more" >&2; exit 2; } ;;
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

# --- Rounds: floors, pipelines and peers, interleaved ---------------------------------------
# The machine is shared and its speed drifts by tens of percent from minute to minute. So each
# round runs the floors, then every pipeline once, then the peers, and the table compares
# figures from the same rounds: the fastest of each (min over rounds), and, per pipeline, the
# median over rounds of its time divided by its floor's in that round (the paired ratio).
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run_pipeline PIPELINE NAME ROUND: one run, as "NAME ROUND SECONDS PEAK_KB" in $out/runs.txt
# (a run that fails is shown, and the benchmark goes on).
run_pipeline() {
  local pipeline="$1" name="$2" round="$3"
  if ! /usr/bin/time -v -o "$out/time.txt" "$bin" run "$pipeline" --output "$out/output" --quiet; then
    echo "bench: $name failed (see the message above)"
    echo "$name $round failed 0" >> "$out/runs.txt"
    return
  fi
  local seconds kb
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")
  echo "$name $round $seconds $kb" >> "$out/runs.txt"
}

: > "$out/runs.txt"
: > "$out/floors.txt"
: > "$out/peers.txt"
pipelines=()
for pipeline in bench/pipelines/*.yaml; do
  # Only pipelines: a file a pipeline uses (sdmx-indicators.yaml, a catalogue) has no `sources:`.
  grep -q '^sources:' "$pipeline" && pipelines+=("$pipeline")
done
for round in $(seq "$repeat"); do
  echo "bench: round $round of $repeat: floors (../shared/bench/limits.sh)…"
  bash "$shared/limits.sh" "$data" | sed "s/^/$round /" | tee -a "$out/floors.txt" || echo "bench: the floors failed in round $round"
  for pipeline in "${pipelines[@]}"; do
    name=$(basename "$pipeline" .yaml)
    echo "bench: round $round of $repeat: $name…"
    run_pipeline "$pipeline" "$name" "$round"
  done
  echo "bench: round $round of $repeat: peers (../shared/bench/peers.py)…"
  python3 "$shared/peers.py" "$data" | sed "s/^/$round /" | tee -a "$out/peers.txt" || echo "bench: the peers failed in round $round"
done

# The flat-memory check: the survey pipeline again on the larger survey (memory, not time).
if [ -f bench/pipelines/survey.yaml ]; then
  sed "s#\.\./\.\./bench-data/survey\.csv#$big/survey.csv#" bench/pipelines/survey.yaml > "$out/survey-big.yaml"
  echo "bench: survey at $big_rows rows…"
  run_pipeline "$out/survey-big.yaml" "survey@$big_rows" 1
fi

# --- The table --------------------------------------------------------------------------------
python3 - "$out" "$data/survey.csv" "$big_rows" "$repeat" <<'PY'
import csv, re, statistics, sys
out, big_rows = sys.argv[1], int(sys.argv[3])
with open(sys.argv[2], newline="") as f:
    rows = sum(1 for _ in csv.reader(f)) - 1

def seconds(path):
    """{name: {round: seconds}} from lines "ROUND name   1.23 s"."""
    found = {}
    for line in open(path):
        m = re.match(r"(\d+) (.+?)\s+([0-9.]+) s\b", line.strip())
        if m:
            found.setdefault(m.group(2).strip(), {})[int(m.group(1))] = float(m.group(3))
    return found

floors, peers = seconds(f"{out}/floors.txt"), seconds(f"{out}/peers.txt")
runs, peak = {}, {}
for line in open(f"{out}/runs.txt"):
    name, rnd, s, kb = line.split()
    if s != "failed":
        runs.setdefault(name, {})[int(rnd)] = float(s)
    peak[name] = max(peak.get(name, 0), int(kb))
# Which floor and which peers each pipeline is measured against, by the first word of its name.
against = {
    "survey": ("libcsv parse", ["pandas survey", "polars survey", "duckdb survey"]),
    "sdmx": ("libxml2 reader", ["lxml sdmx"]),
    "notes": ("grep -F phrases", ["python notes"]),
}

def fmt(value, width, pattern):
    return (pattern % value if value is not None else "—").rjust(width)

print()
print(f"{'pipeline':<16}{'seconds':>8}{'peak MB':>8}  {'floor':<16}{'s':>5}{'×floor':>7}{'paired':>7}  {'best peer':<14}{'s':>5}{'×peer':>6}")
print("-" * 98)
for name in sorted(n for n in peak if "@" not in n):
    times = runs.get(name, {})
    best = min(times.values()) if times else None  # None: every round failed
    floor_name, peer_names = against.get(name.split("-")[0], (None, []))
    floor = floors.get(floor_name, {})
    floor_best = min(floor.values()) if floor else None
    paired = [times[r] / floor[r] for r in times if r in floor and floor[r] > 0]
    peer_best = min(((min(peers[p].values()), p) for p in peer_names if p in peers), default=(None, None))
    print(f"{name:<16}{fmt(best, 8, '%.2f') if best is not None else '  failed'}{fmt(peak[name] / 1024 if best is not None else None, 8, '%.1f')}"
          f"  {floor_name or '(none)':<16}{fmt(floor_best, 5, '%.2f')}"
          f"{fmt(best / floor_best if best is not None and floor_best else None, 7, '%.2f')}"
          f"{fmt(statistics.median(paired) if paired else None, 7, '%.2f')}"
          f"  {peer_best[1] or '(none)':<14}{fmt(peer_best[0], 5, '%.2f')}"
          f"{fmt(best / peer_best[0] if best is not None and peer_best[0] else None, 6, '%.2f')}")
print()
print("per round, pipeline / its floor (seconds):")
rounds = range(1, int(sys.argv[4]) + 1)
for name in sorted(n for n in peak if "@" not in n):
    floor = floors.get(against.get(name.split("-")[0], (None,))[0], {})
    mine = runs.get(name, {})
    pairs = [(f"{mine[r]:.2f}" if r in mine else "failed") + "/" + (f"{floor[r]:.2f}" if r in floor else "—") for r in rounds]
    print(f"  {name:<16}" + "  ".join(pairs))
# The issues' targets, each with the figures that decide it.
targets = {
    "survey": (2.0, 1.0, "within 2x libcsv, faster than the best peer, under 100 MB"),
    "sdmx": (1.5, 0.5, "within 1.5x libxml2, at least 2x faster than lxml, under 100 MB"),
    "notes": (5.0, 0.1, "within 5x grep -F, at least 10x faster than the Python peer"),
}
print()
print("targets (best to best, with the paired ratios in brackets):")
for name, (floor_limit, peer_limit, words) in targets.items():
    times = runs.get(name, {})
    if not times:
        continue
    best = min(times.values())
    floor_name, peer_names = against[name]
    floor = floors.get(floor_name, {})
    paired = [times[r] / floor[r] for r in times if r in floor and floor[r] > 0]
    peer_best, peer_name = min(((min(peers[p].values()), p) for p in peer_names if p in peers), default=(None, None))
    # The paired peer figure: the median over rounds of that peer's time ÷ the pipeline's in the same round.
    peer_paired = [peers[peer_name][r] / times[r] for r in times if peer_name and r in peers[peer_name] and times[r] > 0]
    checks = []
    if floor:
        ratio, median = best / min(floor.values()), statistics.median(paired) if paired else None
        checks.append(f"{ratio:.2f}x {floor_name}" + (f" ({median:.2f})" if median else "") + (" ok" if ratio <= floor_limit else " MISSED"))
    if peer_best:
        faster = peer_best / best
        checks.append(f"{faster:.1f}x faster than the best peer" + (f" ({statistics.median(peer_paired):.1f})" if peer_paired else "")
                      + (" ok" if best / peer_best <= peer_limit else " MISSED"))
    checks.append(f"{peak[name] / 1024:.0f} MB" + (" ok" if peak[name] < 100 * 1024 else " MISSED"))
    print(f"  {name:<8}{words}: " + "; ".join(checks))
big = runs.get(f"survey@{big_rows}")
if f"survey@{big_rows}" in peak and not big:
    print()
    print(f"flat memory: the survey at {big_rows:,} rows failed (see the message above)")
if big and runs.get("survey"):
    print()
    print(f"flat memory: survey at {rows:,} rows {peak['survey'] / 1024:.1f} MB, at {big_rows:,} rows "
          f"{peak[f'survey@{big_rows}'] / 1024:.1f} MB (×{peak[f'survey@{big_rows}'] / peak['survey']:.2f} memory for "
          f"×{big_rows / rows:.1f} rows; {min(big.values()):.2f} s)")
print("(%s rounds, each: the floors, every pipeline once, the peers. seconds: fastest round, wall clock;" % sys.argv[4])
print(" ×floor, ×peer: fastest pipeline ÷ fastest floor or peer; paired: median over rounds of pipeline ÷ floor")
print(" in the same round; lower is better. peak MB: largest maximum resident set.)")
PY
