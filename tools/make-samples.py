#!/usr/bin/env python3
"""Make the Millbrook sample inputs (a fictional place, E07999001).

  tools/make-samples.py            # writes samples/millbrook/

Deterministic: the same script writes the same bytes. The files are committed; this script
documents how they were made and lets them be re-made after a deliberate change.
"""
import csv, io, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "samples", "millbrook")

ORGS = [("Millbrook District Council", 150), ("Millbrook and Vale NHS Trust", 130), ("Vale Police", 90),
        ("Millbrook CVS (voluntary sector)", 70), ("Riverside Housing", 45), ("Vale Fire and Rescue", 7)]
ROLES = ["Frontline", "Team leader", "Manager", "Senior leader"]
QUESTIONS = [
    "I understand the shared vision for Millbrook",
    "Partners here trust each other",
    "My voice is heard when services are planned",
    "Data is shared well between partners",
    "We work in silos",
    "I feel able to cope with the demands of my job",
]
LIKERT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
# A tilt per organisation and question, so the figures differ in believable ways.
TILT = {"Millbrook District Council": [0.6, 0.2, 0.1, -0.3, 0.4, 0.0], "Millbrook and Vale NHS Trust": [0.1, -0.2, -0.5, -0.6, 0.6, -0.7],
        "Vale Police": [0.3, 0.1, -0.2, 0.2, 0.2, -0.2], "Millbrook CVS (voluntary sector)": [0.2, 0.5, 0.6, -0.8, 0.1, 0.2],
        "Riverside Housing": [-0.2, 0.0, -0.1, -0.4, 0.7, -0.3], "Vale Fire and Rescue": [0.4, 0.4, 0.3, 0.1, -0.2, 0.3]}
COMMENTS = [
    "Housing for young people leaving care, and somewhere safe to go at night",
    'Stop making people tell their story again and again; we need one "front door"',
    "More time to build relationships across teams\nand to meet in person",
    "Share data about frail elderly people before they reach A&E",
    "Key workers for families, not referrals between five services",
    "School readiness: more health visitors, speech and language support",
    "Trust each other's judgement, and let frontline staff decide",
    "",
    "",
    "",
]


def answer(rnd, tilt):
    r = rnd.random()
    if r < 0.05:
        return ""
    if r < 0.08:
        return "Don't know"
    score = min(4, max(0, round(rnd.gauss(2.3 + tilt, 1.05))))
    return LIKERT[score]


# 2024, a year earlier: trust between partners lower (it improved by 2025), coping higher (it
# fell), the rest much the same; one question worded differently, as surveys change.
TILT_2024_SHIFT = [0.0, -0.45, 0.0, 0.05, 0.0, 0.35]
QUESTIONS_2024 = QUESTIONS[:3] + ["Data is shared well between organisations"] + QUESTIONS[4:]


# 2026, a year later (for `baseline progress` over three years): trust between partners up a little,
# coping recovered part of its fall, the rest much the same; the 2025 wording kept.
TILT_2026_SHIFT = [0.05, 0.12, 0.0, 0.05, 0.0, 0.2]


def staff_survey(path, rnd, year=2025):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    questions = QUESTIONS_2024 if year == 2024 else QUESTIONS
    w.writerow(["Respondent ID", "Start Date", "Organisation", "Role"] + questions + ["What one thing would make the biggest difference?"])
    rid = 1000
    rows = []
    for org, n in ORGS:
        for _ in range(n):
            rid += rnd.randint(1, 3)
            role = rnd.choices(ROLES, weights=[55, 20, 18, 7])[0]
            shift = {2024: TILT_2024_SHIFT, 2026: TILT_2026_SHIFT}.get(year, [0.0] * 6)
            answers = [answer(rnd, t + d) for t, d in zip(TILT[org], shift)]
            comment = rnd.choice(COMMENTS)
            rows.append([str(rid), "%d-03-%02d %02d:%02d" % (year, rnd.randint(3, 28), rnd.randint(8, 18), rnd.randint(0, 59)), org, role]
                        + answers + [comment])
    rnd.shuffle(rows)
    for row in rows:
        w.writerow(row)
    text = buf.getvalue()
    lines = text.split("\r\n")
    if year != 2025:
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            f.write("\r\n".join(lines))
        return
    # Two rows as a spreadsheet mishap leaves them: one cut short, one with a mistyped label.
    lines.insert(120, "1999,2025-03-14 10:02,Vale Police,Frontline,Agree,Agree")
    cells = next(csv.reader([lines[200]]))
    cells[5] = "Agreee"
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[200] = out.getvalue()
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write("\r\n".join(lines))


def main():
    os.makedirs(OUT, exist_ok=True)
    staff_survey(os.path.join(OUT, "staff-survey-2025.csv"), random.Random(2025))
    staff_survey(os.path.join(OUT, "staff-survey-2024.csv"), random.Random(2024), year=2024)
    staff_survey(os.path.join(OUT, "staff-survey-2026.csv"), random.Random(2026), year=2026)


if __name__ == "__main__":
    main()
