#!/usr/bin/env python3
"""Make the sample programme's inputs: five fictional districts of Midshire sharing one indicator file.

  tools/make-programme-samples.py   # writes samples/programme/ and samples/<place>/staff-survey-2025.csv

  samples/programme/places.csv            the places: code, name, slug, region, neighbours
  samples/programme/indicators-sdmx.xml   SDMX-ML 2.1 for every place, the region and England
                                          (homelessness, frail elderly admissions, child poverty,
                                          life expectancy), as one national download holds them
  samples/<place>/staff-survey-2025.csv   a staff survey for Vale, Eastfield, Northmoor and
                                          Kingsford in the shape of Millbrook's (Millbrook's own
                                          is tools/make-samples.py's)

Deterministic: the same script writes the same bytes. The files are committed; this script
documents how they were made and lets them be re-made after a deliberate change.
"""
import csv, importlib.util, io, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "samples")
spec = importlib.util.spec_from_file_location("make_samples", os.path.join(HERE, "make-samples.py"))
make_samples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_samples)

REGION = ("E12999001", "Midshire region")
ENGLAND = ("E92000001", "England")
# code, name, slug, neighbours, households, people 65+, children, offsets (homelessness, frail, poverty, life expectancy)
PLACES = [
    ("E07999001", "Millbrook", "millbrook", ["E07999002", "E07999003"], 52_400, 24_100, 21_600, (2.3, 236.0, 3.9, -1.4)),
    ("E07999002", "Vale", "vale", ["E07999001", "E07999003"], 47_900, 23_800, 18_200, (0.4, -88.0, -2.6, 0.9)),
    ("E07999003", "Eastfield", "eastfield", ["E07999001", "E07999004"], 61_300, 26_900, 25_700, (1.1, 95.0, 1.4, -0.2)),
    ("E07999004", "Northmoor", "northmoor", ["E07999003", "E07999005"], 38_700, 21_400, 14_900, (-1.2, 150.0, -1.1, 0.4)),
    ("E07999005", "Kingsford", "kingsford", ["E07999004", "E07999002"], 71_200, 25_300, 30_100, (3.0, -20.0, 5.2, -1.9)),
]
YEARS = [2020, 2021, 2022, 2023, 2024]
INDICATORS = [  # id, unit, per, England by year, base index (households, older, children), region offset
    ("homelessness_duty_rate", "PER_1000", 1000, [11.6, 12.1, 12.9, 13.8, 14.2], 0, -0.8),
    ("frail_elderly_admissions", "PER_100000", 100_000, [2_022.0, 2_100.0, 2_143.0, 2_172.0, 2_196.0], 1, 41.0),
    ("child_poverty", "PC", 100, [19.1, 19.8, 20.1, 22.1, 21.8], 2, 1.2),
]
ENGLAND_BASES = (24_300_000, 10_400_000, 10_900_000)
REGION_BASES = (2_080_000, 1_010_000, 930_000)
LIFE_EXPECTANCY = {"life_expectancy_male": [78.7, 78.9, 78.8, 79.1, 79.3], "life_expectancy_female": [82.8, 82.9, 82.8, 83.1, 83.2]}


def places_csv():
    rows = ["code,name,slug,region,neighbours"]
    rows += ["%s,%s,%s,%s,%s" % (code, name, slug, REGION[0], ";".join(near)) for code, name, slug, near, *_ in PLACES]
    return "\n".join(rows) + "\n"


def sdmx(rnd):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<!-- Midshire programme indicator sample (fictional), made by tools/make-programme-samples.py -->',
             '<mes:StructureSpecificData xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"'
             ' xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"'
             ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
             ' xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIDSTAT:DF_PLACE_INDICATORS(1.0):ObsLevelDim:TIME_PERIOD">',
             '  <mes:Header>',
             '    <mes:ID>MIDSHIRE-INDICATORS-2025</mes:ID>',
             '    <mes:Test>false</mes:Test>',
             '    <mes:Prepared>2025-06-30T09:00:00Z</mes:Prepared>',
             '    <mes:Sender id="MIDSTAT"/>',
             '    <mes:Structure structureID="MIDSTAT_DF_PLACE_INDICATORS_1_0" dimensionAtObservation="TIME_PERIOD"'
             ' namespace="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIDSTAT:DF_PLACE_INDICATORS(1.0):ObsLevelDim:TIME_PERIOD">',
             '      <mes:StructureUsage><Ref agencyID="MIDSTAT" id="DF_PLACE_INDICATORS" version="1.0"/></mes:StructureUsage>',
             '    </mes:Structure>',
             '  </mes:Header>',
             '  <mes:DataSet ss:structureRef="MIDSTAT_DF_PLACE_INDICATORS_1_0" xsi:type="ns1:DataSetType" ss:dataScope="DataStructure">']
    for number, (indicator, unit, per, england, base, region_offset) in enumerate(INDICATORS):
        areas = [(ENGLAND[0], ENGLAND_BASES[base], 0.0), (REGION[0], REGION_BASES[base], region_offset)]
        areas += [(code, bases[base], offsets[number]) for code, _n, _s, _near, *bases, offsets in
                  [(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]) for p in PLACES]]
        for code, population, offset in areas:
            lines.append('    <Series REF_AREA="%s" INDICATOR="%s" UNIT_MEASURE="%s" UNIT_MULT="0">' % (code, indicator, unit))
            for index, year in enumerate(YEARS):
                value = england[index] + offset + (rnd.uniform(-0.02, 0.02) * england[index] if code != ENGLAND[0] else 0.0)
                denominator = round(population * (1 + 0.004 * index))
                count = round(value * denominator / per)
                status = "P" if year == YEARS[-1] else "A"
                exact = count * per / denominator
                lines.append('      <Obs TIME_PERIOD="%d-04-01/P1Y" OBS_VALUE="%.1f" OBS_STATUS="%s" OBS_CONF="F" OBS_COUNT="%d" OBS_DENOM="%d"/>'
                             % (year, exact, status, count, denominator))
            lines.append('    </Series>')
    for indicator, england in LIFE_EXPECTANCY.items():
        areas = [(ENGLAND[0], 0.0), (REGION[0], -0.3)] + [(p[0], p[7][3]) for p in PLACES]
        for code, offset in areas:
            lines.append('    <Series REF_AREA="%s" INDICATOR="%s" UNIT_MEASURE="YR" UNIT_MULT="0">' % (code, indicator))
            for index, year in enumerate(YEARS):
                status = "P" if year == YEARS[-1] else "A"
                value = england[index] + offset + (rnd.uniform(-0.15, 0.15) if code != ENGLAND[0] else 0.0)
                lines.append('      <Obs TIME_PERIOD="%d" OBS_VALUE="%.1f" OBS_STATUS="%s" OBS_CONF="F"/>' % (year, value, status))
            lines.append('    </Series>')
    lines += ['  </mes:DataSet>', '</mes:StructureSpecificData>', '']
    return "\n".join(lines)


def staff_survey(path, name, rnd):
    """A 2025 staff survey of `name` in the shape of Millbrook's: its partners, the same six statements."""
    orgs = [("%s Borough Council" % name, 110), ("Midshire NHS Trust (%s)" % name, 90), ("Midshire Police", 60),
            ("%s CVS (voluntary sector)" % name, 40), ("%s Homes" % name, 30)]
    tilt = {org: [rnd.uniform(-0.6, 0.6) for _ in range(6)] for org, _ in orgs}
    questions = ["I understand the shared vision for %s" % name] + make_samples.QUESTIONS[1:]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Respondent ID", "Start Date", "Organisation", "Role"] + questions + ["What one thing would make the biggest difference?"])
    rid, rows = 1000, []
    for org, n in orgs:
        for _ in range(n):
            rid += rnd.randint(1, 3)
            role = rnd.choices(make_samples.ROLES, weights=[55, 20, 18, 7])[0]
            answers = [make_samples.answer(rnd, t) for t in tilt[org]]
            rows.append([str(rid), "2025-03-%02d %02d:%02d" % (rnd.randint(3, 28), rnd.randint(8, 18), rnd.randint(0, 59)), org, role]
                        + answers + [rnd.choice(make_samples.COMMENTS)])
    rnd.shuffle(rows)
    for row in rows:
        w.writerow(row)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def main():
    out = os.path.join(SAMPLES, "programme")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "places.csv"), "w", newline="") as f:
        f.write(places_csv())
    with open(os.path.join(out, "indicators-sdmx.xml"), "w", newline="") as f:
        f.write(sdmx(random.Random(22)))
    for number, (_code, name, slug, *_rest) in enumerate(PLACES):
        if slug == "millbrook":
            continue
        os.makedirs(os.path.join(SAMPLES, slug), exist_ok=True)
        staff_survey(os.path.join(SAMPLES, slug, "staff-survey-2025.csv"), name, random.Random(2025 + number))


if __name__ == "__main__":
    main()
