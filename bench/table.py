#!/usr/bin/env python3
"""The benchmark's table, from what bench/run.sh measured.

  table.py OUT SURVEY_CSV BIG_ROWS REPEAT

OUT/runs.txt: "name<TAB>round<TAB>wall<TAB>user+sys<TAB>peak KB" for the floors, the pipelines and
the Millbrook sample; OUT/peers.txt: "round<TAB>name<TAB>wall<TAB>user+sys<TAB>checksum" from
peers_cpu.py; OUT/output/<pipeline>/: each pipeline's output of its last round.

Every ratio is paired: per round, the pipeline's time ÷ the floor's or the peer's in that round,
then the median over the rounds; every verdict is decided on those medians. Each peer's result
(its checksum) is compared with the same figure computed from the pipeline's baseline.json.
"""
import csv, glob, json, os, re, statistics, sys

out, survey_csv, big_rows, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

# {name: {round: (wall, cpu)}} and {name: peak KB}
times, peak, checksums = {}, {}, {}
for line in open(f"{out}/runs.txt"):
    name, rnd, wall, cpu, kb = line.rstrip("\n").split("\t")
    if wall != "failed":
        times.setdefault(name, {})[int(rnd)] = (float(wall), float(cpu))
        peak[name] = max(peak.get(name, 0), int(kb))
    else:
        peak.setdefault(name, 0)
for line in open(f"{out}/peers.txt"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 5:
        continue
    rnd, name, wall, cpu, checksum = parts
    times.setdefault(name, {})[int(rnd)] = (float(wall), float(cpu))
    checksums[name] = checksum

# Which floor and which peers each pipeline is measured against, by the first word of its name.
AGAINST = {
    "survey": ("libcsv parse", ["pandas survey", "polars survey", "duckdb survey", "polars lazy survey", "duckdb 1-query survey"]),
    "sdmx": ("libxml2 reader", ["lxml sdmx"]),
    "notes": ("grep -F phrases", ["python notes"]),
}
# A second floor shown under the first: libcsv on two threads (bench/csv_split_limit.c), what
# parsing with libcsv in parallel could reach at best with nothing done per field or row.
PARALLEL_FLOOR = {"survey": "libcsv 2 threads"}


def median(values):
    return statistics.median(values) if values else None


def median_of(name, which):
    """The median over rounds of a run's wall (which=0) or CPU (which=1) seconds."""
    return median([t[which] for t in times.get(name, {}).values()])


def paired(name, other, which):
    """The median over rounds of name's time ÷ other's time in the same round."""
    mine, theirs = times.get(name, {}), times.get(other, {})
    return median([mine[r][which] / theirs[r][which] for r in mine if r in theirs and theirs[r][which] > 0])


def fmt(value, width, pattern="%.2f"):
    return (pattern % value if value is not None else "—").rjust(width)


# --- The pipelines' own figures, to check the peers' against -------------------------------------
def baseline(name):
    found = sorted(glob.glob(f"{out}/output/{name}/**/baseline.json", recursive=True))
    return json.load(open(found[0])) if found else None


# peers.py prints one figure per peer, a sum over its cells; each function here computes the same
# sum from baseline.json with the tolerance its rounding allows: baseline.json rounds percentages
# to 2 decimals and means to at most 6, the peers print 4.
def survey_sum(doc):
    """Σ % agreeing (Agree or Strongly agree of those answering) over organisation × question."""
    cells = [g["figures"]["percent_positive"] for q in doc["survey"] for g in q["groups"]["organisation"]]
    return "Σ%agree", sum(cells), len(cells) * 0.005 + 0.0001


def sdmx_sum(doc):
    """Σ over indicator × year of the mean over areas (the rows of area "*")."""
    means = [i["value"] for i in doc["indicators"] if i["area"] == "*"]
    return "Σmeans", sum(means), len(means) * 0.0005 + 0.0001


def notes_sum(doc):
    """Σ over themes of the paragraphs (passages) that mention it: a count, so exact.

    peers.py splits each whole file at blank lines, so it also counts each note's YAML front
    matter (role, organisation) as a paragraph, where the pipeline reads it as metadata. The
    mentions in the front matter alone are counted here from the files themselves, with the
    peer's own rule (whole words, any case, each phrase once a paragraph), and added: the
    pipeline's Σ + the front matter's must then equal the peer's exactly."""
    extra = front_matter_mentions()
    return "Σmentions", sum(t["mentions"] for t in doc["themes"]) + extra, 0, f" (+{extra} in front matter, as the peer counts)"


def front_matter_mentions():
    data = os.path.dirname(os.path.abspath(survey_csv))
    phrases = [p.strip() for p in open(os.path.join(data, "phrases.txt")) if p.strip()]
    rx = re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)
    total = 0
    for path in glob.glob(os.path.join(data, "notes", "*.md")):
        text = open(path).read()
        m = re.match(r"---\n(.*?)\n---\n", text, re.S)
        if m and "\n\n" not in m.group(0):
            total += len(set(h.lower() for h in rx.findall(m.group(0))))
    return total


CHECKS = {"survey": survey_sum, "sdmx": sdmx_sum, "notes": notes_sum}


def number(checksum):
    m = re.search(r"=\s*([-0-9.]+)", checksum or "")
    return float(m.group(1)) if m else None


def check(name, peer):
    """'agree', 'MISMATCH (…)' or '—' (nothing to compare), for one pipeline and one peer."""
    doc, fn = baseline(name), CHECKS.get(name.split("-")[0])
    theirs = number(checksums.get(peer))
    if doc is None or fn is None or theirs is None:
        return "—"
    try:
        label, mine, tolerance, *note = fn(doc)
    except (KeyError, TypeError, ValueError, OSError) as e:
        return f"MISMATCH (no {e} in baseline.json)"
    note = note[0] if note else ""
    if abs(mine - theirs) <= tolerance:
        return "agree" + note
    shown = "%.4f" if tolerance else "%.0f"
    return f"MISMATCH ({label} {shown % mine}, peer {shown % theirs}){note}"


# --- The table ------------------------------------------------------------------------------------
with open(survey_csv, newline="") as f:
    rows = sum(1 for _ in csv.reader(f)) - 1
floors = {f for f, _ in AGAINST.values()} | set(PARALLEL_FLOOR.values())
pipelines = sorted(n for n in peak if "@" not in n and n not in floors and not n.startswith("millbrook"))

print()
print(f"{'run':<32}{'wall s':>7}{'CPU s':>7}{'peak MB':>8}  {'×wall':>6}{'×CPU':>6}  result")
print("-" * 98)
for name in pipelines:
    floor, peer_names = AGAINST.get(name.split("-")[0], (None, []))
    failed = name not in times
    print(f"{name:<32}{'failed' if failed else fmt(median_of(name, 0), 7)}{fmt(median_of(name, 1), 7)}"
          f"{fmt(peak[name] / 1024 if not failed else None, 8, '%.1f')}")
    second = PARALLEL_FLOOR.get(name.split("-")[0])
    for other, kind in ([(floor, "floor")] if floor else []) + ([(second, "floor")] if second else []) \
            + [(p, "peer") for p in peer_names]:
        if other not in times:
            continue
        result = check(name, other) if kind == "peer" else ""
        print(f"  {other + ' (' + kind + ')':<30}{fmt(median_of(other, 0), 7)}{fmt(median_of(other, 1), 7)}"
              f"{fmt(peak[other] / 1024 if other in peak else None, 8, '%.1f')}"
              f"  {fmt(paired(name, other, 0), 6)}{fmt(paired(name, other, 1), 6)}  {result}")
for name in sorted(n for n in times if n.startswith("millbrook")):
    print(f"{name:<32}{fmt(median_of(name, 0) * 1000, 7, '%.1f')}{fmt(median_of(name, 1) * 1000, 7, '%.1f')}"
          f"{fmt(peak[name] / 1024, 8, '%.1f')}  (milliseconds: the fixed cost of one run)")
print()
print("per round, wall seconds of the pipeline / its floor:")
for name in pipelines:
    floor = AGAINST.get(name.split("-")[0], (None,))[0]
    mine, theirs = times.get(name, {}), times.get(floor, {})
    pairs = [(f"{mine[r][0]:.2f}" if r in mine else "failed") + "/" + (f"{theirs[r][0]:.2f}" if r in theirs else "—")
             for r in range(1, repeat + 1)]
    print(f"  {name:<16}" + "  ".join(pairs))

# --- Issue 19's targets, each decided on paired medians ---------------------------------------------
print()
print("targets (issue 19), decided on the paired medians above:")


def verdict(ok):
    return "ok" if ok else "MISSED"


def judged(parts):
    return "; ".join(parts)


if "survey" in times:
    parts = []
    for peer in AGAINST["survey"][1]:
        r = paired("survey", peer, 0)
        if r is not None:
            parts.append(f"{r:.2f}× {peer} {verdict(r < 1.0)}")
    r = paired("survey", "libcsv parse", 1)
    if r is not None:
        parts.append(f"CPU {r:.2f}× libcsv (≤ 1.5) {verdict(r <= 1.5)}")
    parts.append(f"{peak['survey'] / 1024:.0f} MB (≤ 100) {verdict(peak['survey'] <= 100 * 1024)}")
    big = f"survey@{big_rows}"
    if big in times:
        grow = peak[big] / peak["survey"]
        parts.append(f"×{grow:.2f} memory at ×{big_rows / rows:.1f} rows (flat: ≤ 1.25) {verdict(grow <= 1.25)}")
    elif big in peak:
        parts.append(f"the {big_rows:,}-row run failed")
    print(f"  survey  faster than every peer (wall): {judged(parts)}")
    floor2 = PARALLEL_FLOOR["survey"]
    reach = [f"{r:.2f}× {peer}" for peer in AGAINST["survey"][1][3:] if (r := paired(floor2, peer, 0)) is not None]
    if reach:
        print(f"          the parallel floor alone ({floor2}, wall): {'; '.join(reach)}"
              " (at or above 1: out of reach for any pipeline parsing with libcsv)")
if "sdmx" in times:
    parts = []
    r = paired("sdmx", "lxml sdmx", 0)
    if r is not None:
        parts.append(f"{1 / r:.1f}× faster than lxml (≥ 3) {verdict(r <= 1 / 3)}")
    r = paired("sdmx", "libxml2 reader", 1)
    if r is not None:
        parts.append(f"CPU {r:.2f}× libxml2 reader (≤ 1.5) {verdict(r <= 1.5)}")
    parts.append(f"{peak['sdmx'] / 1024:.0f} MB (≤ 100) {verdict(peak['sdmx'] <= 100 * 1024)}")
    print(f"  sdmx    {judged(parts)}")
if "notes" in times:
    parts = []
    r = paired("notes", "python notes", 0)
    if r is not None:
        parts.append(f"{1 / r:.1f}× faster than the Python peer (≥ 10) {verdict(r <= 0.1)}")
    r = paired("notes", "grep -F phrases", 0)
    if r is not None:
        parts.append(f"{r:.2f}× grep -F (≤ 5) {verdict(r <= 5.0)}")
    print(f"  notes   {judged(parts)}")
if "millbrook sample" in times:
    ms = median_of("millbrook sample", 0) * 1000
    print(f"  fixed cost: the Millbrook sample run {ms:.1f} ms median (≤ 30) {verdict(ms <= 30)}")
mismatches = [(n, p) for n in pipelines for p in AGAINST.get(n.split("-")[0], (None, []))[1]
              if p in checksums and check(n, p).startswith("MISMATCH")]
compared = [(n, p) for n in pipelines for p in AGAINST.get(n.split("-")[0], (None, []))[1]
            if p in checksums and check(n, p).startswith("agree")]
print(f"  results: {len(compared)} pipeline–peer pairs agree" +
      (f"; MISMATCH: {', '.join(f'{n} vs {p}' for n, p in mismatches)}" if mismatches else ""))
print()
print(f"({repeat} rounds, each: the floors, every pipeline once, the Millbrook sample three times, the peers. wall s, CPU s:")
print(" medians over the rounds; CPU = user + sys of every thread. ×wall, ×CPU: median over rounds of the")
print(" pipeline's time ÷ that floor's or peer's in the same round; lower is better. peak MB: largest")
print(" maximum resident set (peers run in one Python process: no per-peer figure). result: the peer's")
print(" figure against the same figure from the pipeline's baseline.json.)")
