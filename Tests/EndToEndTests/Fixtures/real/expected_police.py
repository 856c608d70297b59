"""Counts of a folder of data.police.uk street-level files, read with Python's csv module, for
PoliceUKRealTests: crimes by area (LSOA), month and crime type, written independently of the
police-uk adapter.

    python3 expected_police.py FOLDER LOOKUP PLACE

prints JSON: {"rows": n, "no_location": n, "duplicates": n,
              "place": {"<month>": {"<crime type>": n, ...}},
              "lsoa": {"<lsoa>": {"<month>": {"<crime type>": n}}}}
where "place" sums the LSOAs the lookup (first column: LSOA, third: the place) gives PLACE, and
"All crime" is every crime type but anti-social behaviour.
"""
import csv
import glob
import json
import os
import sys
from collections import defaultdict

folder, lookup, place = sys.argv[1:4]
with open(lookup, newline="") as f:
    mine = {row[0] for row in list(csv.reader(f))[1:] if row[2] == place}

files = sorted(glob.glob(os.path.join(folder, "**", "*-street.csv"), recursive=True))
result = {"rows": 0, "no_location": 0, "duplicates": 0}
place_counts = defaultdict(lambda: defaultdict(int))
lsoa_counts = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
seen = set()
for name in files:
    with open(name, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            result["rows"] += 1
            crime_id = row["Crime ID"].strip()
            if crime_id:
                if crime_id in seen:
                    result["duplicates"] += 1
                    continue
                seen.add(crime_id)
            lsoa = row["LSOA code"].strip()
            if not lsoa:
                result["no_location"] += 1
                continue
            kinds = [row["Crime type"]] + ([] if row["Crime type"] == "Anti-social behaviour" else ["All crime"])
            for kind in kinds:
                lsoa_counts[lsoa][row["Month"]][kind] += 1
                if lsoa in mine:
                    place_counts[row["Month"]][kind] += 1
result["place"] = place_counts
result["lsoa"] = lsoa_counts
json.dump(result, sys.stdout, sort_keys=True)
