"""Reads a publisher's indicator CSV with Python's own csv module, independently of the Swift
code, and prints the rows of the areas asked for as JSON: one entry per row with the period
written as baseline.json writes it. Used by RealFileTests.

usage: expected_indicators.py FILE ons|fingertips|nomis:INDICATOR_COLUMN AREA...
"""
import csv
import json
import sys

path, layout, areas = sys.argv[1], sys.argv[2], set(sys.argv[3:])


def period(text):
    """ISO 8601 start/duration as baseline.json writes it, or Fingertips' 2022/23 as 2022-23."""
    if "/P" in text:
        start, duration = text.split("/P")
        year, month, day = (int(part) for part in start.split("-"))
        years = int(duration[:-1]) if duration.endswith("Y") else None
        if day == 1 and month == 1 and years == 1:
            return str(year)
        if day == 1 and month == 1 and years:
            return "%d - %02d" % (year, (year + years - 1) % 100)
        if day == 1 and month == 4 and years == 1:
            return "%d-%02d" % (year, (year + 1) % 100)
        return text
    if "/" in text:
        first, second = text.split("/")
        return "%s-%s" % (first, second[-2:])
    return text


def number(text):
    return float(text) if text.strip() else None


rows = []
with open(path, encoding="utf-8-sig", newline="") as handle:
    for row in csv.DictReader(handle):
        if layout == "ons":
            area, indicator = row["areacd"], row["indicator"]
            value, lower, upper = number(row["observation"]), number(row["lci_95"]), number(row["uci_95"])
            published, extra = row["period"], {}
        elif layout.startswith("nomis:"):
            area, indicator = row["GEOGRAPHY_CODE"], row[layout[len("nomis:"):]]
            value, lower, upper = number(row["OBS_VALUE"]), None, None
            published, extra = row["DATE"], {"Sex": row["GENDER_NAME"], "Age": row["AGE_NAME"]}
        else:
            area, indicator = row["Area Code"], row["Indicator ID"]
            value = number(row["Value"])
            lower, upper = number(row["Lower CI 95.0 limit"]), number(row["Upper CI 95.0 limit"])
            published = row["Time period"]
            extra = {key: row.get(key) or "" for key in ("Sex", "Age", "Category Type", "Category", "Indicator Name")}
        if area in areas:
            rows.append(dict(area=area, indicator=indicator, period=period(published), value=value, lower=lower, upper=upper, **extra))
print(json.dumps(rows))
