#!/usr/bin/env python3
"""Figures of the real survey exports under Fixtures/real, read with Python's csv module alone.

  python3 real_surveys.py <case>     # prints JSON: counts, per question % positive, counts

An independent route to the figures RealSurveyFileTests compares the `baseline` binary with:
nothing here shares code or logic with the Swift adapter. Multi-select cells are read by taking
the known options out of the text (longest first) and counting what is left as write-ins.
"""
import csv, json, os, sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Fixtures", "real")


def rows(path, header_rows=1):
    with open(os.path.join(HERE, path), newline="", encoding="utf-8-sig") as f:
        data = list(csv.reader(f))
    return data[0], data[header_rows:]


def share(values, positive):
    answered = [v for v in values if v != ""]
    return {"responses": len(answered), "percent_positive": round(100 * sum(v in positive for v in answered) / len(answered), 2)}


def ticked(cell, options, separator):
    """The options a cell ticks, and whether anything else is left (a write-in)."""
    found, rest = [], cell
    for option in sorted(options, key=len, reverse=True):
        pieces = rest.split(option)
        if len(pieces) > 1:
            found.append(option)
            rest = "".join(pieces)
    return found, rest.replace(separator, "").strip() != ""


def googleforms():
    header, data = rows("googleforms/jupyter-education-2016.csv")
    col = {name: i for i, name in enumerate(header)}
    size = [r[col["Approximately how many students are in your class?"]] for r in data]
    experience = [r[col["What is the minimum level of programming experience that your students are expected to be at?"]] for r in data]
    levels = ["High school (ages 14-18)", "Community college", "Introductory undergraduate (freshman and sophmores)",
              "Intermediate undergraduate (sophmores and juniors)", "Advanced undergraduate (juniors and seniors)", "Graduate", "MOOC",
              "Mixed (conferences, workshops, Software Carpentry style events, etc.)"]
    level_counts = dict.fromkeys(levels + ["Other"], 0)
    for r in data:
        found, other = ticked(r[col["What level of education is your course?"]], levels, ",")
        for option in found:
            level_counts[option] += 1
        level_counts["Other"] += other
    tools = {}
    for r in data:
        for tool in r[col["Please indicate which of the following Jupyter/IPython tools your class is utilizing:"]].split(", "):
            if tool:
                tools[tool] = tools.get(tool, 0) + 1
    return {
        "counts": {"read": len(data), "passed_on": len(data), "quarantined": 0, "skipped": 0},
        "questions": {
            "class_size": share(size, {"50 - 100", "100 - 250", "250 - 500", "More than 500"}),
            "experience": share(experience, {"Intermediate (a year of experience)", "Advanced (2-3 years of experience)"}),
        },
        "options": {"level": {k: v for k, v in level_counts.items() if v}, "tools": tools},
    }


def alchemer():
    header, data = rows("alchemer/jupyter-notebook-ux-2015.csv")
    complete = [r for r in data if r[2] == "Complete"]
    words = {}
    for r in complete:
        for word in r[6].split(";"):
            if word:
                words[word] = words.get(word, 0) + 1
    return {
        "counts": {"read": len(data), "passed_on": len(complete), "quarantined": 0, "skipped": len(data) - len(complete)},
        "questions": {
            "use": share([r[3] for r in complete], {"Weekly", "Daily"}),
            "audience": share([r[8] for r in complete], {"Hundreds", "Thousands", "Tens of thousands", "Hundreds of thousands or more"}),
        },
        "options": {"words": words},
    }


def qualtrics(path="qualtrics/qualtrics-numeric-sample.csv", header_rows=3):
    header, data = rows(path, header_rows=header_rows)
    q1 = [r[header.index("Q1")] for r in data]
    return {
        "counts": {"read": len(data), "passed_on": len(data), "quarantined": 0, "skipped": 0},
        "questions": {"multiple_choice": share(q1, {"1"})},
        "distribution": {"multiple_choice": {v: q1.count(v) for v in set(q1)}},
    }


def qualtrics_legacy():
    return qualtrics("qualtrics/qualtrics-legacy-sample.csv", header_rows=2)


def qualtrics_no_basis(path="qualtrics/no-basis-insights-2016.csv", header_rows=3):
    """QualtricsTools' "No Basis for Evaluation" survey: numeric values, the codes -1 and -2
    kept out of the denominator; option columns Q2_<code> (negative codes too) named by the
    text after the question's "-" in the second row."""
    with open(os.path.join(HERE, path), newline="", encoding="utf-8-sig") as f:
        data = list(csv.reader(f))
    ids, texts, responses = data[0], data[1], data[header_rows:]
    def scored(name):
        values = [r[ids.index(name)] for r in responses]
        return share([v for v in values if v not in ("-1", "-2")], {"3"})
    question = "Check all statements you agree with-"
    options = {texts[i][len(question):]: sum(r[i] != "" for r in responses)
               for i, name in enumerate(ids) if name.startswith("Q2_") and name[3:].lstrip("-").isdigit()}
    return {
        "counts": {"read": len(responses), "passed_on": len(responses), "quarantined": 0, "skipped": 0},
        "questions": {"feel_squash": scored("Q1"), "veg_squash": scored("Q3_1")},
        "options": {"agree_statements": options},
    }


def qualtrics_no_basis_legacy():
    return qualtrics_no_basis("qualtrics/no-basis-legacy-2016.csv", header_rows=2)


def surveymonkey():
    """SurveyMonkey's two header rows: the question over its first column (blank over the rest),
    then the option or statement; a multi-select ticks an option by writing its text."""
    with open(os.path.join(HERE, "surveymonkey/osposurvey-2018.csv"), newline="", encoding="utf-8-sig") as f:
        first, second, *data = list(csv.reader(f))
    questions, carried = [], ""
    for top in first:
        carried = top or carried
        questions.append(carried)
    def column(question, option=None):
        return next(i for i in range(len(first)) if questions[i] == question and (option is None or second[i] == option))
    dont_know = {"Don't know", "Don’t know"}
    def answered(index):
        return [r[index] for r in data if r[index] not in dont_know]
    often = "How often does your company do the following activities?"
    journey = "Where is your company or organization on its open source journey? (Check all that apply)"
    journey_columns = [i for i in range(len(first)) if questions[i] == journey]
    return {
        "counts": {"read": len(data), "passed_on": len(data), "quarantined": 0, "skipped": 0},
        "questions": {
            "program": share(answered(column("Does your company have an open source program (either formal or informal) or management initiative?")),
                             {"Yes", "No, but planning one"}),
            "contribute_upstream": share(answered(column(often, "Contribute code upstream")), {"Sometimes", "Frequently"}),
            "commercial_use": share(answered(column(often, "Use open source code in commercial products")), {"Sometimes", "Frequently"}),
        },
        "options": {"journey": {second[i]: sum(r[i] != "" for r in data) for i in journey_columns}},
    }


print(json.dumps({"googleforms": googleforms, "alchemer": alchemer, "qualtrics": qualtrics,
                  "qualtrics-legacy": qualtrics_legacy, "qualtrics-no-basis": qualtrics_no_basis,
                  "qualtrics-no-basis-legacy": qualtrics_no_basis_legacy, "surveymonkey": surveymonkey}[sys.argv[1]](), sort_keys=True))
