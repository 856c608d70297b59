#!/usr/bin/env python3
"""Independent figures for the end-to-end test: reads a survey CSV with Python's csv module
(not libcsv) and computes, for each question, what baseline.json must say.

  expected_survey.py CSV SPEC_JSON

SPEC_JSON: {"groups": [header...], "questions": [{"id", "column", "reverse"}], "min_group_size": 10}
Prints JSON: {"read", "rejected_lines", "questions": {id: {"overall": F, "groups": {g: {value: F}}}}}
where F = {"responses", "positive", "percent_positive", "lower", "upper", "mean", "blank", "excluded",
"shown_percent", "shown_range"} (the last two as report.md shows them, rounded once from the exact values)
or {"suppressed": true}.
"""
import csv, json, math, sys

SCALE = ["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"]
EXCLUDED = {"don't know": "Don't know", "dont know": "Dont know", "not sure": "Not sure", "n/a": "N/A", "na": "NA",
            "not applicable": "Not applicable", "prefer not to say": "Prefer not to say"}
Z = 1.959963984540054


def wilson(x, n):
    # Centre and half-width form (Agresti & Coull 1998), algebraically the score interval.
    p = x / n
    d = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / d
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return max(0.0, centre - half), min(1.0, centre + half)


def figures(answers, reverse):
    counts = [0] * 5
    blank, excluded = 0, {}
    for a in answers:
        a = a.strip().replace("\u2019", "'")
        if a == "":
            blank += 1
        elif a.lower() in EXCLUDED:
            label = EXCLUDED[a.lower()]
            excluded[label] = excluded.get(label, 0) + 1
        else:
            counts[SCALE.index(a.lower())] += 1
    if reverse:
        counts = counts[::-1]
    n = sum(counts)
    positive = counts[3] + counts[4]
    out = {"responses": n, "positive": positive, "blank": blank, "excluded": excluded}
    if n:
        lo, hi = wilson(positive, n)
        out.update(percent_positive=round(100 * positive / n, 2), lower=round(100 * lo, 2), upper=round(100 * hi, 2),
                   mean=round(sum((i + 1) * c for i, c in enumerate(counts)) / n, 3),
                   # As the workshop brief shows them: one decimal, rounded once from the exact value.
                   shown_percent="%.1f%%" % (100 * positive / n), shown_range="%.1f\u2013%.1f%%" % (100 * lo, 100 * hi))
    return out


def main():
    path, spec = sys.argv[1], json.loads(sys.argv[2])
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        index = {h.strip(): i for i, h in enumerate(header)}
        good, rejected, read = [], [], 0
        line = 2
        for row in reader:
            start = line
            line = reader.line_num + 1
            read += 1
            if len(row) != len(header):
                rejected.append(start)
                continue
            labels_ok = all(row[index[q["column"]]].strip().replace("\u2019", "'").lower() in SCALE + [""] + list(EXCLUDED)
                            for q in spec["questions"])
            if not labels_ok:
                rejected.append(start)
                continue
            good.append(row)
    result = {"read": read, "rejected_lines": rejected, "questions": {}}
    minimum = spec["min_group_size"]
    for q in spec["questions"]:
        column = index[q["column"]]
        overall = figures([r[column] for r in good], q["reverse"])
        groups = {}
        for g in spec["groups"]:
            gi = index[g]
            values = sorted({r[gi].strip() for r in good})
            cells = {v: figures([r[column] for r in good if r[gi].strip() == v], q["reverse"]) for v in values}
            small = [v for v in values if cells[v]["responses"] < minimum]
            hidden = set(small)
            if len(small) == 1 and len(values) > 1 and overall["responses"] >= minimum:
                rest = sorted((cells[v]["responses"], v) for v in values if v not in hidden)
                hidden.add(rest[0][1])
            groups[g] = {v: ({"suppressed": True} if v in hidden else cells[v]) for v in values}
        if overall["responses"] < minimum:
            overall = {"suppressed": True}
        result["questions"][q["id"]] = {"overall": overall, "groups": groups}
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
