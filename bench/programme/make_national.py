#!/usr/bin/env python3
"""Makes a national Fingertips-shaped indicator file and a places list, for the programme benchmark
(issue 22): every local authority of a made-up England at once.

    python3 bench/programme/make_national.py OUT [--authorities 300] [--indicators 30] [--years 10]
                                              [--ages 36] [--small]

OUT/ gets:
  national.csv   Fingertips' column layout (Indicator ID, ..., Area Code, Area Name, Area Type, Sex, Age,
                 Category Type, Category, Time period, Value, CIs, Count, Denominator, ...): England
                 (E92000001), 9 regions (E12), and the authorities (E06, E07, E08, E09 in the shares
                 England has them), each indicator x year x sex (Persons, Male, Female) x age band.
                 Rows: indicators x years x (authorities + 10) x 3 x ages -- 30 x 10 x 310 x 3 x 36
                 = 10,044,000 by default.
  catalogue.yaml the indicator catalogue (ids IND001..; polarity cycles high/low/no judgement).
  places.csv     code,name,slug,region,neighbours: every authority, its region, and five
                 neighbours (the next codes in its block of 30, `;`-separated, a stand-in for
                 CIPFA's: the list cut to its first 30 keeps every neighbour).
  pipeline.yaml  the programme pipeline: places.csv, benchmarks England and the 9 regions (each
                 place compared with England, its region and neighbours), the national file,
                 indicators, benchmark, dashboard-json.
  place.yaml     the same for the first authority alone (the one-place fixed cost).

--small makes a file for tests: 30 authorities, 4 indicators, 3 years, 2 ages. Everything is
deterministic (a fixed seed), so two runs make the same bytes.
"""
import argparse
import csv
import os
import random

HEADER = ["Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type",
          "Sex", "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit",
          "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator",
          "Value note", "Recent Trend", "Compared to England value or percentiles",
          "Compared to percentiles", "Time period Sortable", "New data", "Compared to goal"]

REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West"]


def authorities(count):
    """Codes in England's shares: about 20% E06 unitary, 55% E07 districts, 12% E08 metropolitan, 11% London."""
    shares = [("E06", 0.21), ("E07", 0.56), ("E08", 0.12), ("E09", 0.11)]
    out = []
    for prefix, share in shares:
        n = round(count * share) if prefix != "E09" else count - len(out)
        for i in range(1, n + 1):
            out.append(f"{prefix}{i:06d}")
    return out[:count]


def ages(count):
    bands = ["All ages"] + [f"{a}-{a + 4} yrs" for a in range(0, 90, 5)] + ["90+ yrs", "<18 yrs", "18+ yrs", "16-64 yrs",
            "18-64 yrs", "65+ yrs", "75+ yrs", "85+ yrs", "0-15 yrs", "16+ yrs", "25-64 yrs", "50+ yrs", "40-74 yrs",
            "15-24 yrs", "19-64 yrs", "0-17 yrs", "5-16 yrs", "60+ yrs"]
    if count > len(bands):
        bands += [f"band {i} yrs" for i in range(count - len(bands))]
    return bands[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--authorities", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--ages", type=int, default=36)
    parser.add_argument("--small", action="store_true", help="30 authorities, 4 indicators, 3 years, 2 ages")
    args = parser.parse_args()
    if args.small:
        args.authorities, args.indicators, args.years, args.ages = 30, 4, 3, 2
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(22)

    codes = authorities(args.authorities)
    region_of = {code: i % len(REGIONS) for i, code in enumerate(codes)}
    regions = [(f"E120000{i + 1:02d}", name) for i, name in enumerate(REGIONS)]
    areas = [("E92000001", "England", "England", "", "")]
    areas += [(code, name, "Region", "E92000001", "England") for code, name in regions]
    for code in codes:
        rc, rn = regions[region_of[code]]
        areas.append((code, f"Authority {code}", "Districts & UAs", rc, rn))
    indicators = [(f"IND{i + 1:03d}", f"Indicator {i + 1}", ["high_is_good", "low_is_good", "no_judgement"][i % 3])
                  for i in range(args.indicators)]
    years = [str(2015 + y) for y in range(args.years)]
    sexes = ["Persons", "Male", "Female"]
    age_bands = ages(args.ages)
    base = {code: rng.uniform(0.8, 1.2) for code, *_ in areas}

    rows = 0
    with open(os.path.join(args.out, "national.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        for ind, ind_name, _ in indicators:
            level = rng.uniform(10, 80)
            for code, name, kind, parent, parent_name in areas:
                scale = base[code]
                for sex_i, sex in enumerate(sexes):
                    for age_i, age in enumerate(age_bands):
                        for y_i, year in enumerate(years):
                            value = round(level * scale * (1 + 0.02 * y_i) * (1 + 0.03 * sex_i) * (1 + 0.01 * age_i), 1)
                            denominator = 20000 + (hash_code(code) % 50000)
                            count = round(value * denominator / 100)
                            half = round(1.96 * (value * (100 - min(value, 99)) / denominator) ** 0.5, 2)
                            out.writerow([ind, ind_name, parent, parent_name, code, name, kind, sex, age, "", "", year,
                                          value, round(value - half, 2), round(value + half, 2), "", "", count, denominator,
                                          "", "", "", "", year, "", ""])
                            rows += 1

    with open(os.path.join(args.out, "catalogue.yaml"), "w") as f:
        f.write("# The indicators of the programme benchmark's national file (bench/programme/make_national.py).\nindicators:\n")
        for ind, ind_name, polarity in indicators:
            f.write(f"  - {{ id: {ind}, name: \"{ind_name}\", unit: \"%\", value_type: proportion, polarity: {polarity}, theme: bench }}\n")

    with open(os.path.join(args.out, "places.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["code", "name", "slug", "region", "neighbours"])
        for i, code in enumerate(codes):
            # Within the block of 30 the place is in, so the list cut to its first 30 (or 60…) is whole.
            block = codes[i // 30 * 30:i // 30 * 30 + 30]
            neighbours = ";".join(block[(block.index(code) + k) % len(block)] for k in range(1, 6) if len(block) > k)
            out.writerow([code, f"Authority {code}", code.lower(), regions[region_of[code]][0], neighbours])

    last_year = years[-1]
    regions_yaml = "".join(f"  - {{ code: {rc}, name: {rn}, role: region }}\n" for rc, rn in regions)
    common = f"""period: "{last_year}"

sources:
  - id: national
    adapter: csv-indicators
    path: national.csv
    layout: fingertips

transforms:
  - stage: indicators
    catalogue: catalogue.yaml
  - stage: benchmark

sinks:
  - sink: dashboard-json
"""
    with open(os.path.join(args.out, "pipeline.yaml"), "w") as f:
        f.write("# The programme benchmark: every authority of places.csv from one national file.\n"
                "places: places.csv\nbenchmarks:\n  - { code: E92000001, name: England, role: england }\n" + regions_yaml + common)
    first = codes[0]
    with open(os.path.join(args.out, "place.yaml"), "w") as f:
        f.write("# The programme benchmark's one-place run: the first authority alone (the fixed cost of a place).\n"
                f"place:\n  name: Authority {first}\n  code: {first}\n"
                f"benchmarks:\n  - {{ code: E92000001, name: England, role: england }}\n"
                f"  - {{ code: {regions[region_of[first]][0]}, name: {regions[region_of[first]][1]}, role: region }}\n" + common)
    print(f"{args.out}/national.csv: {rows} rows, {len(areas)} areas ({len(codes)} authorities), "
          f"{len(indicators)} indicators, {len(years)} years, {len(sexes)} sexes x {len(age_bands)} ages")


def hash_code(code):
    """A stable number from an area code (Python's hash() of a string changes from run to run)."""
    return int(code[3:]) * 7919 + ord(code[2]) * 104729


if __name__ == "__main__":
    main()
