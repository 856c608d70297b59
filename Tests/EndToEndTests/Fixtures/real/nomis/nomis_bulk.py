"""Reads a Nomis bulk CSV (a census table's "Download the entire table for all areas") with
Python's own csv module, independently of the Swift code, and prints each area's figures as JSON:
{geography code: {date, name, figures: {category: value}}}, for the columns measured as `Value`.
Used by RealNomisTests.

usage: nomis_bulk.py FILE
"""
import csv
import json
import sys

areas = {}
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    for row in csv.DictReader(handle):
        figures = {name.split("; measures: ")[0]: float(cell) for name, cell in row.items() if name.endswith("; measures: Value")}
        areas[row["geography code"]] = {"date": row["date"], "name": row["geography"], "figures": figures}
print(json.dumps(areas))
