#!/usr/bin/env python3
"""Write the csv-survey fixtures and the figures they must give, computed independently.

  python3 Tests/CSVSurveyTests/Fixtures/make_fixtures.py

For each case below this writes <case>/input.csv (in the case's encoding, delimiter and line
ends) and <case>/expected.json. Run once; the outputs are committed. The figures are computed
here from the rows as written and the rules in Sources/Adapters/CSVSurvey/README.md — never by
the Swift code under test. See README.md beside this script for the reasoning.
"""
import csv, io, json, math, os

HERE = os.path.dirname(os.path.abspath(__file__))
Z = 1.959963984540054  # the 95% two-sided normal quantile, as BaselineStatistics uses

EXCLUDED = ["Don't know", "Dont know", "Not sure", "N/A", "NA", "Not applicable", "Prefer not to say"]
SCALES = {
    "agree5": (["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"], 2, 1),
    "frequency5": (["Never", "Rarely", "Sometimes", "Often", "Always"], 2, 1),
    "yesno": (["No", "Yes"], 1, 0),
}


def scale(name, custom=None):
    """(labels, positive labels, scores, excluded labels) of a scale."""
    if custom:
        return custom
    labels, top, first = SCALES[name]
    return labels, labels[len(labels) - top:], [first + i for i in range(len(labels))], EXCLUDED


def norm(text):
    """How labels compare: trimmed, ASCII lower-cased, curly apostrophe and no-break space made plain."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").strip(" \t\r\n")
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def rounded(x, places):
    """Half away from zero, as Swift's rounded()."""
    f = 10.0 ** places
    return math.floor(x * f + 0.5) / f if x >= 0 else -math.floor(-x * f + 0.5) / f


def wilson(x, n):
    """PHEindicatormethods' Wilson interval, in percent, same operation order as the Swift code."""
    root = Z * math.sqrt(Z * Z + 4 * x * (1 - x / n))
    den = 2 * (n + Z * Z)
    lower, upper = max(0.0, (2 * x + Z * Z - root) / den), min(1.0, (2 * x + Z * Z + root) / den)
    return {"lower": rounded(100 * lower, 2), "upper": rounded(100 * upper, 2)}


def interval(successes, total, n):
    if total <= 0 or n <= 0:
        return None
    x = successes if n == total else successes / total * n
    return wilson(min(x, n), n)


# MARK: - Writing the file, with each row's line number


def write(case, spec):
    """Serialise the rows; return [(line, fields)] for the data rows and raw lines."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=spec.get("delimiter", ","), lineterminator=spec.get("newline", "\r\n"))
    line = 1
    numbered = []
    for index, row in enumerate(spec["header"] + spec["rows"]):
        if isinstance(row, str):          # a raw line, written as is (a ragged row)
            text = row + spec.get("newline", "\r\n")
            fields = next(csv.reader([row], delimiter=spec.get("delimiter", ",")))
        else:
            before = out.tell()
            w.writerow(row)
            text = out.getvalue()[before:]
            out.seek(before)
            out.truncate()
            fields = row
        out.write(text)
        if index >= len(spec["header"]):
            numbered.append((line, fields))
        line += text.count("\n")
    data = out.getvalue().encode(spec["encoding"])
    if spec.get("bom"):
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}[spec["encoding"]] + data
    os.makedirs(os.path.join(HERE, case), exist_ok=True)
    with open(os.path.join(HERE, case, "input.csv"), "wb") as f:
        f.write(data)
    with open(os.path.join(HERE, case, "pipeline.yaml"), "w") as f:
        f.write(pipeline(spec["source"], spec["min_group_size"]))
    return numbered


# MARK: - Reading the rows as the adapter's rules say


def completion_seconds(text, order="mdy"):
    """Seconds since 2000 of '2025-03-04 10:34:12' or '03/04/2025 10:34:12 AM' / '3/4/25 10:34'."""
    import re, datetime
    text = text.strip()
    m = re.match(r"(\d+)-(\d+)-(\d+)[ T](\d+):(\d+)(?::(\d+))?", text)
    if m:
        y, mo, d, h, mi, s = (int(g or 0) for g in m.groups())
    else:
        m = re.match(r"(\d+)/(\d+)/(\d+) (\d+):(\d+)(?::(\d+))?\s*([AaPp][Mm])?", text)
        if not m:
            return 0
        a, b, y, h, mi, s = (int(g or 0) for g in m.groups()[:6])
        mo, d = (a, b) if order == "mdy" else (b, a)
        y += 2000 if y < 100 else 0
        if m.group(7):
            h = h % 12 + (12 if m.group(7).lower() == "pm" else 0)
    return int((datetime.datetime(y, mo, d, h, mi, s) - datetime.datetime(2000, 1, 1)).total_seconds())


def fits(fields, width):
    """A row lines up with the header: as many fields, or more whose extra ones are all empty
    (a delimiter at the end of the row)."""
    return len(fields) == width or (len(fields) > width and all(not x.strip() for x in fields[width:]))


def figures_for(spec, numbered):
    width = len(spec["header"][0])
    q = spec["questions"]
    rejects, skipped, kept = [], [], []
    # First pass: duplicates among rows that are not ragged or excluded as partial.
    dropped = {}
    if "respondent" in spec:
        best = {}
        for line, f in numbered:
            if not fits(f, width):
                continue
            finished = True
            if "finished" in spec and f[spec["finished"]].strip().lower() in ("false", "0"):
                if spec.get("partial", "exclude") == "exclude":
                    continue
                finished = False
            rid = f[spec["respondent"]].strip()
            if not rid:
                continue
            seconds = completion_seconds(f[spec["completed"]], spec.get("date_order", "mdy")) if "completed" in spec else 0
            best.setdefault(rid, []).append(((finished, seconds, line), line))
        for rid, rows in best.items():
            rows.sort()
            for _, line in rows[:-1]:
                dropped[line] = rows[-1][1]
    for line, f in numbered:
        def reject(column, reason, rule=False):
            # Rows left out by a rule the user chose (partial, preview, test, spam) are
            # skipped, not quarantined: they are not bad rows.
            (skipped if rule else rejects).append({"line": line, "column": column, "reason": reason})
        if not fits(f, width):
            reject(None, "ragged row: %d fields where the header has %d" % (len(f), width))
            continue
        if "finished" in spec and spec.get("partial", "exclude") == "exclude" and f[spec["finished"]].strip().lower() in ("false", "0"):
            reject(spec["finished"] + 1, "partial response", rule=True)
            continue
        if "status" in spec and spec.get("test_responses", "exclude") == "exclude":
            status = f[spec["status"]].strip().lower()
            kind = next((k for k in ("spam", "preview", "test") if k in status), None)
            if kind:
                reject(spec["status"] + 1, "%s response (Status '%s')" % (kind, f[spec["status"]]), rule=True)
                continue
        if line in dropped:
            reject(spec["respondent"] + 1, "duplicate respondent: the response on line %d is kept" % dropped[line])
            continue
        weight = 1.0
        if "weight" in spec:
            text = f[spec["weight"]].strip()
            try:
                weight = float(text.replace(",", ".") if "." not in text and text.count(",") == 1 else text)
                assert weight >= 0
            except (ValueError, AssertionError):
                reject(spec["weight"] + 1, "invalid weight '%s'" % f[spec["weight"]])
                continue
        answers, bad = [], False
        for question in q:
            if question.get("multi"):
                if "columns" in question:
                    ticked = [i for i, c in enumerate(question["columns"])
                              if f[c].strip() and f[c].strip().lower() not in ("0", "false", "no")]
                else:
                    options = [norm(o) for o in question["options"]]
                    ticked = set()
                    for piece in f[question["column"]].split(question.get("separator", ";")):
                        if not norm(piece):
                            continue
                        if norm(piece) in options:
                            ticked.add(options.index(norm(piece)))
                        elif question.get("other"):
                            ticked.add(len(options))
                        else:
                            reject(question["column"] + 1, "unknown option '%s'" % piece.strip())
                            bad = True
                            break
                    ticked = sorted(ticked)
                if bad:
                    break
                answers.append(("selected", ticked) if ticked else ("blank",))
                continue
            labels, _, _, excluded = scale(question["scale"], question.get("custom"))
            cell = norm(f[question["column"]])
            if cell == "":
                answers.append(("blank",))
            elif cell in [norm(l) for l in labels]:
                answers.append(("point", [norm(l) for l in labels].index(cell)))
            elif cell in [norm(l) for l in excluded]:
                answers.append(("excluded", [norm(l) for l in excluded].index(cell)))
            else:
                reject(question["column"] + 1, "unknown answer '%s' to question '%s'" % (f[question["column"]], question["id"]))
                bad = True
                break
        if bad:
            continue
        groups = [f[c].strip() for _, c in spec.get("groups", [])]
        kept.append((answers, groups, weight))
    return rejects, skipped, kept


def question_figures(question, rows, weighted):
    """SurveyFigures of one question over rows [(answer, weight)]."""
    if question.get("multi"):
        options = question["labels"]
        answered = [(a, w) for a, w in rows if a[0] == "selected"]
        total = sum(w for _, w in answered) if weighted else float(len(answered))
        squares = sum(w * w for _, w in answered)
        n = total * total / squares if weighted and squares > 0 else (0.0 if weighted else total)
        result = {"responses": len(answered), "blank": sum(1 for a, _ in rows if a[0] == "blank"),
                  "distribution": {}, "excluded": {}, "options": {}}
        for i, label in enumerate(options):
            count = sum(1 for a, _ in answered if i in a[1])
            ticked = sum(w for a, w in answered if i in a[1]) if weighted else float(count)
            if count:
                result["distribution"][label] = count
            result["options"][label] = {"count": count, "percent": rounded(100 * ticked / total, 2) if total > 0 else None,
                                        "ci95": interval(ticked, total, n)}
        if weighted:
            result["effective_sample_size"] = rounded(n, 1)
        return result
    labels, positive, scores, excluded = scale(question["scale"], question.get("custom"))
    size = len(labels)
    counts = [0] * size
    sums = [0.0] * size
    squares = 0.0
    for a, w in rows:
        if a[0] == "point":
            counts[a[1]] += 1
            sums[a[1]] += w
            squares += w * w
    total = positive_sum = score_sum = 0.0
    for i in range(size):
        if counts[i] == 0:
            continue
        weight = sums[i] if weighted else float(counts[i])
        mirrored = size - 1 - i if question.get("reverse") else i
        total += weight
        if labels[mirrored] in positive:
            positive_sum += weight
        score_sum += weight * scores[mirrored]
    n = (total * total / squares if squares > 0 else 0.0) if weighted else total
    result = {"responses": sum(counts), "blank": sum(1 for a, _ in rows if a[0] == "blank"),
              "distribution": {labels[i]: counts[i] for i in range(size) if counts[i]},
              "excluded": {}}
    for i, label in enumerate(excluded):
        c = sum(1 for a, _ in rows if a == ("excluded", i))
        if c:
            result["excluded"][label] = c
    if total > 0:
        result["percent_positive"] = rounded(100 * positive_sum / total, 2)
        result["ci95"] = interval(positive_sum, total, n)
        result["mean_score"] = rounded(score_sum / total, 3)
    if weighted:
        result["effective_sample_size"] = rounded(n, 1)
    return result


def suppressed(reason):
    return {"responses": 0, "blank": 0, "distribution": {}, "excluded": {}, "suppressed": reason}


def expected(case, spec, numbered):
    rejects, skipped, kept = figures_for(spec, numbered)
    minimum = spec["min_group_size"]
    weighted = "weight" in spec
    questions, cells = [], 0
    for qi, question in enumerate(spec["questions"]):
        rows = [(answers[qi], w) for answers, _, w in kept]
        overall = question_figures(question, rows, weighted)
        shown = overall["responses"] >= minimum
        if not shown:
            overall = suppressed("fewer than %d responses" % minimum)
            cells += 1
        groups = {}
        for gi, (name, _) in enumerate(spec.get("groups", [])):
            values = sorted(set(g[gi] for _, g, _ in kept))
            table = []
            for value in values:
                subset = [(answers[qi], w) for answers, g, w in kept if g[gi] == value]
                table.append({"group": value or "(not given)", "figures": question_figures(question, subset, weighted)})
            primary = {i for i, row in enumerate(table) if row["figures"]["responses"] < minimum}
            withheld = set(primary)
            if shown and withheld:
                order = sorted((i for i in range(len(table)) if i not in withheld),
                               key=lambda i: (table[i]["figures"]["responses"], table[i]["group"]))
                while order and (len(withheld) < 2 or sum(table[i]["figures"]["responses"] for i in withheld) < minimum):
                    withheld.add(order.pop(0))
            for i in withheld:
                table[i]["figures"] = suppressed("fewer than %d responses" % minimum if i in primary
                                                 else "withheld so that a smaller group cannot be worked out from the total")
            cells += len(withheld)
            groups[name] = table
        entry = {"id": question["id"], "overall": overall, "groups": groups}
        if question.get("multi"):
            entry["multi_select"] = True
        else:
            entry["reverse"] = bool(question.get("reverse"))
        questions.append(entry)
    result = {
        "counts": {"read": len(numbered), "passed_on": len(kept), "quarantined": len(rejects), "skipped": len(skipped)},
        "rejects": rejects,
        "suppressed_cells": cells,
        "notes": spec.get("notes", []),
        "questions": questions,
    }
    with open(os.path.join(HERE, case, "expected.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


# MARK: - The cases


def pipeline(source, min_group_size):
    """A pipeline around the case's csv-survey source (its options, one per line) and the stage.
    The cases hold one of each kind of bad row in a few rows, so no share of rejects stops them."""
    options = "".join("    " + line + "\n" for line in source.splitlines())
    return ("place: {name: Fixture, code: E00000001}\nperiod: fixture\nsources:\n  - id: survey\n    adapter: csv-survey\n"
            "    path: input.csv\n    max_rejected: 100%\n" + options + "transforms:\n  - stage: survey-aggregate\n    min_group_size: %d\n" % min_group_size)


SA, A, N, D, SD = "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"

CASES = {}

# A spreadsheet's own CSV: one header row, UTF-8 without a byte-order mark, CRLF, quoted
# newlines; excluded answers, a reverse-scored item, a mistyped label, a ragged row, a repeated
# respondent id, small groups.
CASES["generic-utf8"] = dict(
    encoding="utf-8", newline="\r\n",
    header=[["Respondent ID", "Organisation", "I understand the vision", "We work in silos", "Data is shared well",
             "Any comments?"]],
    rows=[
        ["101", "Council", A, SA, D, "More joint training"],
        ["102", "Council", SA, A, "Don't know", ""],
        ["103", "Council", "  agree ", D, N, "We need one front door,\r\nnot five"],
        ["104", "Council", N, SD, "n/a", 'Trust is "growing"'],
        ["105", "Council", D, A, A, ""],
        ["106", "NHS Trust", A, "STRONGLY AGREE", SA, ""],
        ["107", "NHS Trust", SD, A, "", ""],
        ["108", "NHS Trust", A, "Agreee", A, "typo row"],
        ["109", "NHS Trust", "", N, "Prefer not to say", ""],
        "110,NHS Trust,Agree,Agree",
        ["111", "Police", A, D, D, ""],
        ["112", "Police", SA, SD, A, ""],
        ["113", "VCSE", N, A, "Not sure", "Small\nbut mighty"],
        ["107", "NHS Trust", A, N, A, "second go"],
        ["114", "", A, A, "Don\u2019t know", ""],
        ["115", "Council", SA, D, SA, ""],
    ],
    respondent=0, groups=[("Organisation", 1)], min_group_size=3,
    questions=[
        dict(id="vision", column=2, scale="agree5"),
        dict(id="silos", column=3, scale="agree5", reverse=True),
        dict(id="data_shared", column=4, scale="agree5"),
    ],
    source="""\
respondent_id: Respondent ID
groups: [Organisation]
questions:
  - column: I understand the vision
    id: vision
  - column: We work in silos
    id: silos
    reverse: true
  - column: Data is shared well
    id: data_shared
free_text: [Any comments?]
""",
)

# SurveyMonkey's "All individual responses" export: two header rows, personal-data columns,
# a matrix question named by statement, a multi-select with one column per option, newest
# response first; one respondent twice (the later End Date wins, wherever it is in the file).
SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
           "Last Name", "Custom Data 1"]


def sm(rid, end, org, trust, silos, services, comment):
    return [rid, "404", end, end, "10.0.0.%s" % rid[-2:], "person%s@example.org" % rid[-2:], "Sam", "Jones", "staff"] + \
        [org, trust, silos] + [s if s in services else "" for s in ["GP", "Housing", "Food bank"]] + \
        [services.get("Other", "")] + [comment]


CASES["surveymonkey"] = dict(
    encoding="utf-8", bom=True, newline="\r\n",
    header=[SM_META + ["Which organisation do you work for?", "How far do you agree with the following?", "",
                       "Which services have you used in the last year?", "", "", "",
                       "What one thing would make the biggest difference?"],
            [""] * 9 + ["Response", "Partners here trust each other", "We work in silos", "GP", "Housing", "Food bank",
                        "Other (please specify)", "Open-Ended Response"]],
    rows=[
        sm("11900000012", "03/21/2025 04:05:06 PM", "Council", A, D, {"GP": 1, "Housing": 1}, "Shared records"),
        sm("11900000011", "03/20/2025 09:15:00 AM", "Council", SA, A, {"GP": 1}, ""),
        sm("11900000010", "03/19/2025 11:00:00 AM", "Police", D, A, {}, ""),
        sm("11900000009", "03/18/2025 01:30:00 PM", "Police", A, SD, {"Food bank": 1, "Other": "Debt advice"}, ""),
        sm("11900000008", "03/17/2025 10:00:00 AM", "Council", N, "Don't know", {"Housing": 1}, "More time"),
        sm("11900000007", "03/16/2025 12:00:00 PM", "Police", A, D, {"GP": 1, "Housing": 1, "Food bank": 1}, ""),
        sm("11900000006", "03/15/2025 09:00:00 AM", "Council", "", A, {}, ""),
        sm("11900000003", "03/14/2025 03:00:00 PM", "Police", SA, N, {"GP": 1}, ""),
        sm("11900000004", "03/13/2025 08:45:00 AM", "Council", A, A, {"GP": 1}, ""),
        sm("11900000003", "03/02/2025 10:00:00 AM", "Police", SD, SA, {"Housing": 1}, "first try"),
        sm("11900000002", "03/01/2025 09:00:00 AM", "Council", D, D, {"Food bank": 1}, ""),
    ],
    respondent=0, completed=3, groups=[("Organisation", 9)], min_group_size=2,
    questions=[
        dict(id="trust", column=10, scale="agree5"),
        dict(id="silos", column=11, scale="agree5", reverse=True),
        dict(id="services", multi=True, columns=[12, 13, 14, 15],
             labels=["GP", "Housing", "Food bank", "Other (please specify)"]),
    ],
    source="""\
groups:
  - column: Which organisation do you work for?
    name: Organisation
questions:
  - column: Partners here trust each other
    id: trust
  - column: How far do you agree with the following? - We work in silos
    id: silos
    reverse: true
  - column: Which services have you used in the last year?
    id: services
    multi_select: true
free_text: [What one thing would make the biggest difference?]
""",
)

# Qualtrics' CSV export: column ids, question text, ImportId rows; Finished = False rows left
# out; a matrix row named by column id and another by its text; a multi-select split into
# option columns (and its write-in text column left alone); a ResponseId repeated.
Q_IDS = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
         "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
         "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
         "Q1", "Q2_1", "Q2_2", "Q3_1", "Q3_2", "Q3_3", "Q3_3_TEXT", "Q4"]
Q_TEXT = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
          "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
          "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel", "User Language",
          "Which organisation do you work for?", "How much do you agree? - Partners here trust each other",
          "How much do you agree? - My voice is heard", "Which of these have you used? - Selected Choice - GP",
          "Which of these have you used? - Selected Choice - Housing", "Which of these have you used? - Selected Choice - Other",
          "Which of these have you used? - Other - Text", "Anything else?"]
Q_IMPORT = ['{"ImportId":"%s"}' % i for i in
            ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate", "_recordId",
             "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference", "locationLatitude",
             "locationLongitude", "distributionChannel", "userLanguage", "QID1", "QID2_1", "QID2_2", "QID3_1", "QID3_2",
             "QID3_3", "QID3_3_TEXT", "QID4_TEXT"]]


def q_row(end, finished, rid, org, trust, voice, used, other_text="", comment="", status="IP Address"):
    return [end[:10] + " 08:00:00", end, status, "192.168.0.1", "100" if finished else "40", "300",
            "True" if finished else "False", end, rid, "Jones", "Sam", "sam@example.org", "", "51.5", "-0.1",
            "anonymous", "EN", org, trust, voice] + [u if u in used else "" for u in ["GP", "Housing", "Other"]] + \
        [other_text, comment]


CASES["qualtrics"] = dict(
    encoding="utf-8", bom=True, newline="\r\n",
    header=[Q_IDS, Q_TEXT, Q_IMPORT],
    rows=[
        q_row("2025-03-01 10:00:00", True, "R_1aaa", "Council", A, A, ["GP"]),
        q_row("2025-03-01 11:00:00", True, "R_2bbb", "Council", SA, N, ["GP", "Housing"]),
        q_row("2025-03-02 09:30:00", False, "R_3ccc", "Council", D, "", []),
        q_row("2025-03-02 12:00:00", True, "R_4ddd", "Police", A, D, ["Other"], other_text="Debt advice"),
        q_row("2025-03-03 08:00:00", True, "R_5eee", "Police", N, "Prefer not to say", [], comment="Fine"),
        q_row("2025-03-03 14:00:00", True, "R_6fff", "Council", "Disagree", SA, ["Housing"]),
        q_row("2025-03-04 16:00:00", True, "R_7ggg", "Police", SA, A, ["GP", "Housing", "Other"], other_text="Carers"),
        q_row("2025-03-05 10:00:00", False, "R_8hhh", "Police", "", "", []),
        q_row("2025-03-06 10:00:00", True, "R_1aaa", "Council", D, D, ["Housing"], comment="answered again"),
        q_row("2025-03-06 11:00:00", True, "R_9iii", "VCSE", A, A, []),
        q_row("2025-02-28 09:00:00", True, "R_0prv", "Council", SD, SD, ["GP"], status="Survey Preview"),
        q_row("2025-02-28 09:30:00", True, "R_0tst", "Police", SD, SD, [], status="Survey Test"),
        q_row("2025-03-07 09:00:00", True, "R_0spm", "VCSE", SD, SD, [], status="Spam"),
        q_row("2025-03-07 10:00:00", True, "R_Aimp", "VCSE", A, N, ["Housing"], status="Imported"),
    ],
    respondent=8, completed=1, finished=6, status=2, groups=[("Organisation", 17)], min_group_size=2,
    questions=[
        dict(id="trust", column=18, scale="agree5"),
        dict(id="voice", column=19, scale="agree5"),
        dict(id="used", multi=True, columns=[20, 21, 22], labels=["GP", "Housing", "Other"]),
    ],
    source="""\
groups:
  - column: Q1
    name: Organisation
questions:
  - column: Q2_1
    id: trust
  - column: How much do you agree? - My voice is heard
    id: voice
  - column: Q3
    id: used
    multi_select: true
free_text: [Q4]
""",
)

# Microsoft Forms responses saved by Excel as "Unicode Text": UTF-16LE with a byte-order mark,
# tab-separated; a multi-select in one cell ("a;b;"), with a write-in counted as Other; a
# frequency scale scored in reverse.
CASES["msforms-utf16"] = dict(
    encoding="utf-16-le", bom=True, newline="\r\n", delimiter="\t",
    header=[["ID", "Start time", "Completion time", "Email", "Name", "Which team are you in?", "I feel able to cope",
             "How often do you feel stressed at work?", "Which of these would help?", "Anything else?"]],
    rows=[
        ["1", "3/4/25 9:01:00", "3/4/25 9:05:00", "anonymous", "", "Children’s services", A, "Often", "More staff;Flexible hours;", "Zoë says: more café breaks ☕"],
        ["2", "3/4/25 9:10:00", "3/4/25 9:12:00", "anonymous", "", "Children’s services", SA, "Rarely", "Flexible hours;", ""],
        ["3", "3/4/25 10:00:00", "3/4/25 10:03:00", "anonymous", "", "Adult care", D, "Always", "More staff;Free parking;", ""],
        ["4", "3/5/25 11:00:00", "3/5/25 11:04:00", "anonymous", "", "Adult care", N, "Sometimes", "", ""],
        ["5", "3/5/25 12:00:00", "3/5/25 12:02:00", "anonymous", "", "Adult care", A, "Never", "Training;More staff;", ""],
        ["6", "3/6/25 13:00:00", "3/6/25 13:01:00", "anonymous", "", "Children’s services", "Don’t know", "Often", "Training;", ""],
        ["7", "3/6/25 14:00:00", "3/6/25 14:09:00", "anonymous", "", "Housing", A, "often", "flexible hours;", "Thanks"],
    ],
    respondent=0, completed=2, groups=[("Team", 5)], min_group_size=2,
    questions=[
        dict(id="cope", column=6, scale="agree5"),
        dict(id="stress", column=7, scale="frequency5", reverse=True),
        dict(id="would_help", multi=True, column=8, options=["More staff", "Flexible hours", "Training"], other=True,
             labels=["More staff", "Flexible hours", "Training", "Other"]),
    ],
    source="""\
groups:
  - column: Which team are you in?
    name: Team
questions:
  - column: I feel able to cope
    id: cope
  - column: How often do you feel stressed at work?
    id: stress
    scale: frequency5
    reverse: true
  - column: Which of these would help?
    id: would_help
    multi_select: true
    options: [More staff, Flexible hours, Training]
    other: true
free_text: [Anything else?]
""",
)

# A file re-saved by a European spreadsheet: Windows-1252 (no byte-order mark), semicolons,
# CRLF; accented group names, a custom French scale, curly apostrophes in "Don’t know".
FR = (["Pas du tout satisfait", "Peu satisfait", "Satisfait", "Très satisfait"], ["Satisfait", "Très satisfait"],
      [1, 2, 3, 4], ["Ne sait pas"])
CASES["windows-1252"] = dict(
    encoding="cp1252", newline="\r\n", delimiter=";",
    header=[["Service", "Satisfaction générale", "Partners here trust each other", "Commentaire"]],
    rows=[
        ["Société A", "Très satisfait", A, "Très bien ; merci"],
        ["Société A", "Satisfait", "Don’t know", ""],
        ["Société A", "Peu satisfait", D, "Délais trop longs"],
        ["Société B", "très satisfait", SA, ""],
        ["Société B", "Ne sait pas", A, ""],
        ["Société B", "Pas du tout satisfait", N, "« Non »"],
        ["Équipe C", "Satisfait", A, ""],
        ["Équipe C", "Satisfait", "", ""],
    ],
    groups=[("Service", 0)], min_group_size=2,
    questions=[
        dict(id="satisfaction", column=1, scale="custom", custom=FR),
        dict(id="trust", column=2, scale="agree5"),
    ],
    notes=["was read as Windows-1252 (detected)"],
    source="""\
groups: [Service]
scales:
  satisfaction_fr:
    points: [Pas du tout satisfait, Peu satisfait, Satisfait, Très satisfait]
    positive: [Satisfait, Très satisfait]
    excluded: [Ne sait pas]
questions:
  - column: Satisfaction générale
    id: satisfaction
    scale: satisfaction_fr
  - column: Partners here trust each other
    id: trust
free_text: [Commentaire]
""",
)

# A weighted survey: shares weighted, Kish's effective sample size for the interval; a row
# with a weight that is not a number is set aside.
CASES["weighted"] = dict(
    encoding="utf-8", newline="\n",
    header=[["id", "area", "weight", "I feel safe in my neighbourhood"]],
    rows=[
        ["1", "North", "0.5", A], ["2", "North", "1.5", SA], ["3", "North", "1,25", D], ["4", "North", "2", N],
        ["5", "South", "1", A], ["6", "South", "0.8", D], ["7", "South", "abc", A], ["8", "South", "1.2", SD],
        ["9", "South", "0", SA], ["10", "North", "0.75", ""], ["11", "South", "1.1", "Don't know"], ["12", "North", "1", A],
    ],
    weight=2, groups=[("area", 1)], min_group_size=2,
    questions=[dict(id="safe", column=3, scale="agree5")],
    source="""\
weight: weight
groups: [area]
questions:
  - column: I feel safe in my neighbourhood
    id: safe
""",
)

if __name__ == "__main__":
    for case, spec in CASES.items():
        expected(case, spec, write(case, spec))
        print("wrote", case)
