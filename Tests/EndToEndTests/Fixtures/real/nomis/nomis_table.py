"""Reads a Nomis web table ("Download data": a title block over one wide table) with Python's own
csv module, independently of the Swift code, and prints it as JSON: the title block's facts, and
each area's figures by column header. Used by RealNomisTests.

usage: nomis_table.py FILE
"""
import csv
import json
import sys

with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))

facts, header, table = {}, None, {}
for row in rows:
    if header is None:
        if len(row) == 2 and row[0].strip().endswith(":"):
            facts[row[0].strip()[:-1].strip()] = row[1]
        elif len(row) > 2:
            header = row
        continue
    if not row:
        if table:
            break
        continue
    table[row[0]] = {name: float(cell) for name, cell in zip(header[1:], row[1:]) if name not in ("", "%")}
print(json.dumps({"facts": facts, "table": table}))
