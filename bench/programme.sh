#!/usr/bin/env bash
# The programme benchmark (issue 22): every local authority of a national Fingertips-shaped file at
# once, against what one place costs.
#
#   bash bench/programme.sh [--repeat K] [--small | --medium] [--bin PATH]     # or: make bench-programme
#
# Makes the national file once (bench/programme/make_national.py into bench-data/programme/,
# git-ignored and reused; --small: the 30-authority test file into bench-data/programme-small/;
# --medium: all 300 authorities with 2 ages and 5 years, 279,000 rows, into bench-data/programme-medium/,
# for a loaded machine where the 10 M-row file takes too long),
# builds the release binary (as `make release`) unless --bin names one, then, each round:
#
#   read     the one-place pipeline (place.yaml) over the whole national file: the time to read
#            the national file once (plus one place);
#   fixed    the same place over a file of its own rows only: the one-place fixed cost (set-up,
#            stages' finish, writing the outputs), with next to nothing to read;
#   kept     the same place over its own rows and its benchmarks' (England, its region, its
#            neighbours): what the place keeps in any run, so what it costs once the national
#            file is read (its baseline compares and writes its benchmarks' values too; "fixed"
#            has none, and is about a third of this). Shown beside the floor, as a second floor;
#   P places × J jobs   `baseline run pipeline.yaml --jobs J` with places.csv cut to the first P
#            authorities, for P = 30 and 300 (what the file has) and J = 1 and 2.
#
# Each run under GNU time: wall (ns, from date), CPU (user + sys) and peak RSS. Figures are medians
# over the rounds; ratios are paired medians (per round, then the median: the machine is shared
# and its speed drifts). The ratio to its floor is  run ÷ (read + P × fixed)  from the same round;
# "× kept" the same with the kept run for fixed, and "CPU×kept" that ratio in CPU time (user +
# sys), which other work on a shared machine moves less than the wall.
# Targets (issue 22): 300 places ≤ 120 s wall, ≤ 500 MB peak, ≤ 1.2× the floor. A benchmark, not a
# test: nothing fails on a slow machine. Needs `places:` in the pipeline (issue 22 item 1); a
# build without it gets the read and fixed figures and a line saying the programme runs were skipped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repeat=3
small=""
bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --small) small="--small"; shift ;;
    --medium) small="--medium"; shift ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "usage: bash bench/programme.sh [--repeat K] [--small | --medium] [--bin PATH]" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "bench: installing GNU time (apt-get install time)…"
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

data="$root/bench-data/programme${small:+-${small#--}}"
make_args="$small"
[ "$small" = "--medium" ] && make_args="--ages 2 --years 5"
if [ ! -f "$data/national.csv" ]; then
  echo "bench: making $data (python3 bench/programme/make_national.py $make_args)…"
  python3 "$root/bench/programme/make_national.py" "$data" $make_args
fi
if [ -z "$bin" ]; then
  echo "bench: make release…"
  (cd "$root" && make -s release >/dev/null)
  bin="$root/.build/release/baseline"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The first authority's rows alone, for the fixed cost; places lists and pipelines cut to P places.
first=$(sed -n 2p "$data/places.csv" | cut -d, -f1)
if [ ! -f "$data/own-rows.csv" ]; then
  { head -1 "$data/national.csv"; grep -F ",$first," "$data/national.csv" | grep -E "^[^,]*,[^,]*,[^,]*,[^,]*,$first," || true; } > "$data/own-rows.csv"
fi
sed 's|path: national.csv|path: own-rows.csv|' "$data/place.yaml" > "$data/place-own.yaml"
# The first authority's rows and its benchmarks' (by the Area Code column), for the kept cost.
if [ ! -f "$data/kept-rows.csv" ]; then
  kept=$(sed -n 2p "$data/places.csv" | awk -F, '{ print $1 ";E92000001;" $4 ";" $5 }')
  awk -F, -v kept="$kept" 'BEGIN { n = split(kept, codes, ";"); for (i = 1; i <= n; i++) if (codes[i] != "") want[codes[i]] = 1 }
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Area Code") column = i; print; next }
    ($column in want)' "$data/national.csv" > "$data/kept-rows.csv"
fi
sed 's|path: national.csv|path: kept-rows.csv|' "$data/place.yaml" > "$data/place-kept.yaml"
total=$(($(wc -l < "$data/places.csv") - 1))
sizes="30"
[ "$total" -gt 30 ] && sizes="30 $total"
for p in $sizes; do
  head -$((p + 1)) "$data/places.csv" > "$data/places-$p.csv"
  sed "s|places: places.csv|places: places-$p.csv|" "$data/pipeline.yaml" > "$data/pipeline-$p.yaml"
done

programme=yes
if ! "$bin" validate "$data/pipeline-30.yaml" >"$out/validate.txt" 2>&1; then
  programme=""
  echo "bench: this build does not run a places list ($(head -1 "$out/validate.txt")): the programme runs are skipped"
fi

# measure NAME ROUND COMMAND…: one run under GNU time, appended to $out/runs.txt as
# "NAME ROUND WALL_S CPU_S PEAK_KB".
measure() {
  local name="$1" round="$2"; shift 2
  rm -rf "$out/output"
  local start end
  start=$(date +%s%N)
  if ! /usr/bin/time -f "%U %S %M" -o "$out/time.txt" "$@" --output "$out/output" -q >"$out/log.txt" 2>&1; then
    echo "bench: $name failed:"; cat "$out/log.txt"; exit 1
  fi
  end=$(date +%s%N)
  read -r user sys peak < <(tail -1 "$out/time.txt")
  echo "$name $round $(python3 -c "print(($end - $start) / 1e9, $user + $sys)") $peak" >> "$out/runs.txt"
}

for round in $(seq 1 "$repeat"); do
  echo "bench: round $round of $repeat"
  measure read "$round" "$bin" run "$data/place.yaml"
  measure fixed "$round" "$bin" run "$data/place-own.yaml"
  measure kept "$round" "$bin" run "$data/place-kept.yaml"
  if [ -n "$programme" ]; then
    for p in $sizes; do
      for j in 1 2; do
        measure "places-$p-jobs-$j" "$round" "$bin" run "$data/pipeline-$p.yaml" --jobs "$j"
      done
    done
  fi
done

python3 - "$out/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, rnd, wall, cpu, peak = line.split()
    runs.setdefault(name, {})[int(rnd)] = (float(wall), float(cpu), int(peak) / 1024)
med = lambda xs: statistics.median(xs)
print(f"\n{'run':<22}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'floor s':>9}{'× floor':>9}{'× kept':>9}{'CPU×kept':>9}")
verdicts = []
for name, by in runs.items():
    wall, cpu, peak = (med([v[i] for v in by.values()]) for i in range(3))
    floor = ratio = kept = cpu_kept = ""
    if name.startswith("places-"):
        p = int(name.split("-")[1])
        pairs = [(r, by[r][0] / (runs["read"][r][0] + p * runs["fixed"][r][0])) for r in by if r in runs["read"]]
        floor = f"{med([runs['read'][r][0] + p * runs['fixed'][r][0] for r, _ in pairs]):9.2f}"
        ratio_value = med([x for _, x in pairs])
        ratio = f"{ratio_value:8.2f}×"
        if "kept" in runs:
            kept = f"{med([by[r][0] / (runs['read'][r][0] + p * runs['kept'][r][0]) for r in by if r in runs['read'] and r in runs['kept']]):8.2f}×"
            cpu_kept = f"{med([by[r][1] / (runs['read'][r][1] + p * runs['kept'][r][1]) for r in by if r in runs['read'] and r in runs['kept']]):8.2f}×"
        if p >= 300:
            verdicts.append(f"{name}: wall {wall:.1f} s ≤ 120 s {'ok' if wall <= 120 else 'MISSED'}; "
                            f"peak {peak:.0f} MB ≤ 500 MB {'ok' if peak <= 500 else 'MISSED'}; "
                            f"{ratio_value:.2f}× floor ≤ 1.2× {'ok' if ratio_value <= 1.2 else 'MISSED'}")
    print(f"{name:<22}{wall:9.2f}{cpu:9.2f}{peak:9.0f}{floor:>9}{ratio:>9}{kept:>9}{cpu_kept:>9}")
def paired(a, b):
    if a in runs and b in runs:
        return med([runs[a][r][0] / runs[b][r][0] for r in runs[a] if r in runs[b]])
sizes = sorted({int(n.split("-")[1]) for n in runs if n.startswith("places-")})
for p in sizes:
    x = paired(f"places-{p}-jobs-2", f"places-{p}-jobs-1")
    if x: print(f"--jobs 2 ÷ --jobs 1 at {p} places (wall, paired median): {x:.2f}")
if len(sizes) == 2:
    x = paired(f"places-{sizes[1]}-jobs-1", f"places-{sizes[0]}-jobs-1")
    print(f"{sizes[1]} ÷ {sizes[0]} places, --jobs 1 (wall, paired median): {x:.2f} for {sizes[1] / sizes[0]:.0f}× the places")
for v in verdicts: print("target " + v)
PY
