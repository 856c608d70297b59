#!/usr/bin/env python3
"""Make the Millbrook indicator samples (a fictional place, E07999001).

  tools/make-indicator-samples.py     # writes samples/millbrook/indicators-*.xml and indicators.yaml

Three files, for the xml-dataset adapter and the indicators stage:
  indicators-sdmx.xml    SDMX-ML 2.1 StructureSpecificData, as a statistics agency publishes it:
                         homelessness, frail elderly admissions, child poverty, life expectancy
                         (and fuel poverty, which the catalogue leaves out on purpose)
  indicators-dfe.xml     plain XML as a council insight team publishes it: school readiness and
                         care leavers in education, employment or training
  indicators.yaml        the indicator catalogue
and the same publications as they stood a year earlier (-2024) and a year later (-2026).

Areas: Millbrook (E07999001), six of its small areas (E01999001-6), two neighbours (E07999002,
E07999003), the region (E12999001) and England (E92000001). Five periods. Counts and
denominators come with every proportion and rate; small counts are suppressed the way
publishers do it (OBS_STATUS="Q", `[c]`), and the latest year is provisional.

Deterministic: the same script writes the same bytes. The files are committed; this script
documents how they were made and lets them be re-made after a deliberate change.
"""
import os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "samples", "millbrook")

PLACE = ("E07999001", "Millbrook")
SMALL_AREAS = [("E0199900%d" % i, "Millbrook %03d" % i) for i in range(1, 7)]
NEIGHBOURS = [("E07999002", "Vale"), ("E07999003", "Eastfield")]
REGION = ("E12999001", "Midshire region")
ENGLAND = ("E92000001", "England")
YEARS = [2020, 2021, 2022, 2023, 2024]

# Population bases: households, people aged 65+, children under 16, pupils at the end of
# reception, care leavers aged 19-21. Millbrook is made of its six small areas (they are
# ward-sized here, to keep the sample small): the lookup rolls them up to the place, and the
# place's published counts are their sums, so a roll-up checks the published figures.
BASES = {
    "households": {ENGLAND[0]: 24_300_000, REGION[0]: 2_080_000, PLACE[0]: 52_400, "E07999002": 47_900, "E07999003": 61_300},
    "older": {ENGLAND[0]: 10_400_000, REGION[0]: 1_010_000, PLACE[0]: 24_100, "E07999002": 23_800, "E07999003": 26_900},
    "children": {ENGLAND[0]: 10_900_000, REGION[0]: 930_000, PLACE[0]: 21_600, "E07999002": 18_200, "E07999003": 25_700},
    "reception": {ENGLAND[0]: 610_000, REGION[0]: 52_000, PLACE[0]: 1_240, "E07999002": 1_010, "E07999003": 1_460},
    "leavers": {ENGLAND[0]: 33_900, REGION[0]: 2_950, PLACE[0]: 64, "E07999002": 48, "E07999003": 71},
}
SMALL_SHARE = [0.15, 0.18, 0.14, 0.17, 0.16, 0.20]

# England's value per year, and how far each area sits from it (in the indicator's unit).
INDICATORS = {
    "homelessness_duty_rate": dict(base="households", per=1000, england=[11.6, 12.1, 12.9, 13.8, 14.2],
                                   offsets={REGION[0]: -0.8, PLACE[0]: 2.3, "E07999002": 0.4, "E07999003": 1.1},
                                   small=[4.1, -2.0, 6.3, -3.1, 0.9, 8.8]),
    "frail_elderly_admissions": dict(base="older", per=100_000, england=[2_022.0, 2_100.0, 2_143.0, 2_172.0, 2_196.0],
                                     offsets={REGION[0]: 41.0, PLACE[0]: 236.0, "E07999002": -88.0, "E07999003": 95.0},
                                     small=[310.0, -410.0, 520.0, 80.0, -150.0, 690.0]),
    "child_poverty": dict(base="children", per=100, england=[19.1, 19.8, 20.1, 22.1, 21.8],
                          offsets={REGION[0]: 1.2, PLACE[0]: 3.9, "E07999002": -2.6, "E07999003": 1.4},
                          small=[9.5, -8.1, 12.7, -3.3, 2.2, 15.0]),
}
LIFE_EXPECTANCY = {"life_expectancy_male": [78.7, 78.9, 78.8, 79.1, 79.3], "life_expectancy_female": [82.8, 82.9, 82.8, 83.1, 83.2]}
LE_OFFSETS = {REGION[0]: -0.3, PLACE[0]: -1.4, "E07999002": 0.9, "E07999003": -0.2}
DFE = {
    "school_readiness": dict(base="reception", england=[None, 65.2, 67.2, 67.7, 68.3],
                             offsets={REGION[0]: -0.9, PLACE[0]: -3.6, "E07999002": 1.8, "E07999003": -1.1},
                             small=[-9.0, 6.5, -12.0, 2.0, -4.5, -15.5]),
    "care_leavers_eet": dict(base="leavers", england=[52.0, 55.0, 56.0, 56.0, 57.0],
                             offsets={REGION[0]: -1.0, PLACE[0]: -6.0, "E07999002": 3.0, "E07999003": -2.0}),
}


def areas_with_base(base):
    """(code, name, population) for every area, small areas last."""
    rows = [(code, name, BASES[base][code]) for code, name in [ENGLAND, REGION, PLACE] + NEIGHBOURS]
    rows += [(code, name, round(BASES[base][PLACE[0]] * share)) for (code, name), share in zip(SMALL_AREAS, SMALL_SHARE)]
    return rows


def value_for(spec, code, year_index, rnd):
    """The area's value: England's, moved by the area's offset, with a little noise."""
    england = spec["england"][year_index]
    if code in spec["offsets"]:
        return england + spec["offsets"][code] + rnd.uniform(-0.02, 0.02) * england
    if code.startswith("E0199900"):
        place = england + spec["offsets"][PLACE[0]]
        return place + spec["small"][int(code[-1]) - 1] * (0.9 + 0.1 * year_index / 4)
    return england


def fmt(number, places):
    return ("%." + str(places) + "f") % number


# MARK: - SDMX-ML StructureSpecificData

def sdmx():
    rnd = random.Random(2025)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<!-- Millbrook indicator sample (fictional), made by tools/make-indicator-samples.py -->',
             '<mes:StructureSpecificData xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"'
             ' xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"'
             ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
             ' xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIDSTAT:DF_PLACE_INDICATORS(1.0):ObsLevelDim:TIME_PERIOD">',
             '  <mes:Header>',
             '    <mes:ID>MILLBROOK-INDICATORS-2025</mes:ID>',
             '    <mes:Test>false</mes:Test>',
             '    <mes:Prepared>2025-06-30T09:00:00Z</mes:Prepared>',
             '    <mes:Sender id="MIDSTAT"/>',
             '    <mes:Structure structureID="MIDSTAT_DF_PLACE_INDICATORS_1_0" dimensionAtObservation="TIME_PERIOD"'
             ' namespace="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIDSTAT:DF_PLACE_INDICATORS(1.0):ObsLevelDim:TIME_PERIOD">',
             '      <mes:StructureUsage><Ref agencyID="MIDSTAT" id="DF_PLACE_INDICATORS" version="1.0"/></mes:StructureUsage>',
             '    </mes:Structure>',
             '  </mes:Header>',
             '  <mes:DataSet ss:structureRef="MIDSTAT_DF_PLACE_INDICATORS_1_0" xsi:type="ns1:DataSetType" ss:dataScope="DataStructure">']
    for indicator, spec in INDICATORS.items():
        unit = "PER_%d" % spec["per"] if spec["per"] != 100 else "PC"
        rows = areas_with_base(spec["base"])
        # The place's counts and denominators are the sums of its small areas'.
        sums = [[0, 0] for _ in YEARS]
        for code, _name, population in rows:
            if code.startswith("E0199900"):
                for index in range(len(YEARS)):
                    denominator = round(population * (1 + 0.004 * index))
                    sums[index][0] += round(value_for(spec, code, index, rnd) * denominator / spec["per"])
                    sums[index][1] += denominator
        for code, _name, population in rows:
            lines.append('    <Series REF_AREA="%s" INDICATOR="%s" UNIT_MEASURE="%s" UNIT_MULT="0">' % (code, indicator, unit))
            for index, year in enumerate(YEARS):
                value = value_for(spec, code, index, rnd)
                denominator = round(population * (1 + 0.004 * index))
                count = round(value * denominator / spec["per"])
                if code == PLACE[0]:
                    count, denominator = sums[index]
                period = "%d-04-01/P1Y" % year
                status = "P" if year == YEARS[-1] else "A"
                if count < 10:
                    lines.append('      <Obs TIME_PERIOD="%s" OBS_STATUS="Q" OBS_CONF="F" OBS_DENOM="%d"/>' % (period, denominator))
                else:
                    exact = count * spec["per"] / denominator
                    lines.append('      <Obs TIME_PERIOD="%s" OBS_VALUE="%s" OBS_STATUS="%s" OBS_CONF="F" OBS_COUNT="%d" OBS_DENOM="%d"/>'
                                 % (period, fmt(exact, 1), status, count, denominator))
            lines.append('    </Series>')
    for indicator, england in LIFE_EXPECTANCY.items():
        for code, _name in [ENGLAND, REGION, PLACE] + NEIGHBOURS:
            lines.append('    <Series REF_AREA="%s" INDICATOR="%s" UNIT_MEASURE="YR" UNIT_MULT="0">' % (code, indicator))
            for index, year in enumerate(YEARS):
                value = england[index] + LE_OFFSETS.get(code, 0.0) + rnd.uniform(-0.15, 0.15)
                status = "P" if year == YEARS[-1] else "A"
                if code == "E07999003" and year == 2020:
                    lines.append('      <Obs TIME_PERIOD="%d" OBS_VALUE="NaN" OBS_STATUS="O" OBS_CONF="F"/>' % year)
                else:
                    lines.append('      <Obs TIME_PERIOD="%d" OBS_VALUE="%s" OBS_STATUS="%s" OBS_CONF="F"/>' % (year, fmt(value, 1), status))
            lines.append('    </Series>')
    lines.append('    <Series REF_AREA="%s" INDICATOR="fuel_poverty" UNIT_MEASURE="PC" UNIT_MULT="0">' % PLACE[0])
    for index, year in enumerate(YEARS):
        lines.append('      <Obs TIME_PERIOD="%d" OBS_VALUE="%s" OBS_STATUS="A" OBS_CONF="F"/>' % (year, fmt(13.1 + 0.4 * index, 1)))
    lines.append('    </Series>')
    lines += ['  </mes:DataSet>', '</mes:StructureSpecificData>', '']
    return "\n".join(lines)


# MARK: - Mapped XML (a council insight team's export)

def dfe():
    rnd = random.Random(2026)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<!-- Millbrook indicator sample (fictional), made by tools/make-indicator-samples.py.',
             '     Published as the Department for Education publishes: [c] suppressed for small numbers,',
             '     x where the figure was not collected (no EYFS profile in 2020/21). -->',
             '<dataset publisher="Millbrook Council Insight Team" released="2025-06-30">']
    for indicator, spec in DFE.items():
        rows = areas_with_base(spec["base"])
        if indicator == "care_leavers_eet":
            rows = [row for row in rows if not row[0].startswith("E0199900")]
        else:
            # School readiness is published for the small areas only: the join stage rolls it up.
            rows = [row for row in rows if row[0] != PLACE[0]]
        for code, name, population in rows:
            for index, year in enumerate(YEARS):
                period = "%d/%02d" % (year, (year + 1) % 100)
                england = spec["england"][index]
                denominator = round(population * (1 + 0.01 * ((index * 7 + len(name)) % 5 - 2)))
                lines.append('  <row indicator="%s">' % indicator)
                lines.append('    <area code="%s">%s</area>' % (code, name))
                lines.append('    <period>%s</period>' % period)
                if england is None:
                    lines += ['    <value>x</value>', '    <numerator>x</numerator>', '    <denominator>x</denominator>',
                              '    <note>Not collected: no EYFS profile in 2020/21</note>']
                else:
                    value = value_for(spec, code, index, rnd)
                    count = round(value * denominator / 100)
                    if count < 10 or denominator < 15:
                        lines += ['    <value>[c]</value>', '    <numerator>[c]</numerator>',
                                  '    <denominator>%d</denominator>' % denominator, '    <note>Suppressed: small numbers</note>']
                    else:
                        suffix = " [p]" if year == YEARS[-1] else ""
                        lines += ['    <value>%s%s</value>' % (fmt(100 * count / denominator, 1), suffix),
                                  '    <numerator>%d</numerator>' % count, '    <denominator>%d</denominator>' % denominator,
                                  '    <note/>']
                lines.append('  </row>')
    lines += ['</dataset>', '']
    return "\n".join(lines)


CATALOGUE = """# The Millbrook indicator catalogue: what each indicator id in the data means.
# Read by the `indicators` stage (catalogue: ../samples/millbrook/indicators.yaml).
# value_type: proportion, rate, count, score or mean; polarity: high_is_good, low_is_good, no_judgement.
# Made by tools/make-indicator-samples.py.
indicators:
  - id: homelessness_duty_rate
    name: Households owed a homelessness prevention or relief duty
    unit: per 1,000 households
    value_type: rate
    multiplier: 1000
    polarity: low_is_good
    theme: homelessness
  - id: school_readiness
    name: Children with a good level of development at the end of reception
    unit: "%"
    value_type: proportion
    multiplier: 100
    polarity: high_is_good
    theme: school readiness
  - id: care_leavers_eet
    name: Care leavers aged 19 to 21 in education, employment or training
    unit: "%"
    value_type: proportion
    multiplier: 100
    polarity: high_is_good
    theme: care leavers
  - id: frail_elderly_admissions
    name: Emergency hospital admissions due to falls, people aged 65 and over
    unit: per 100,000 aged 65+
    value_type: rate
    multiplier: 100000
    polarity: low_is_good
    theme: frail elderly
  - id: child_poverty
    name: Children in relative low-income families (under 16)
    unit: "%"
    value_type: proportion
    multiplier: 100
    polarity: low_is_good
    theme: child poverty
  - id: life_expectancy_male
    name: Life expectancy at birth, males
    unit: years
    value_type: mean
    polarity: high_is_good
    theme: health
  - id: life_expectancy_female
    name: Life expectancy at birth, females
    unit: years
    value_type: mean
    polarity: high_is_good
    theme: health
"""


# MARK: - The year before

def vintage_2024(text):
    """The same publication as it stood a year earlier: no 2024-25 figures yet, the neighbour
    Vale still under its old code (E07999004, before the 2023 merger took effect in the data),
    and child poverty measured the old way (absolute rather than relative low income)."""
    import re
    text = text.replace("E07999002", "E07999004")
    text = re.sub(r'\s*<Obs TIME_PERIOD="2024[^"]*"[^>]*/>', "", text)
    text = re.sub(r'\s*<row indicator="[a-z_]+">\s*<area code="[A-Z0-9]+">[^<]*</area>\s*<period>2024/25</period>.*?</row>', "", text, flags=re.S)

    def absolute(series):
        def scale(obs):
            count = round(int(obs.group(3)) * 0.85)
            denominator = int(obs.group(4))
            return '%sOBS_VALUE="%.1f"%sOBS_COUNT="%d" OBS_DENOM="%d"' % (obs.group(1), 100 * count / denominator, obs.group(2), count, denominator)
        return re.sub(r'(<Obs [^>]*?)OBS_VALUE="[0-9.]+"( [^>]*?)OBS_COUNT="(\d+)" OBS_DENOM="(\d+)"', scale, series.group(0))
    text = re.sub(r'<Series [^>]*INDICATOR="child_poverty".*?</Series>', absolute, text, flags=re.S)
    return text.replace("MILLBROOK-INDICATORS-2025", "MILLBROOK-INDICATORS-2024").replace("2025-06-30", "2024-06-28")


# MARK: - The year after

# How each Millbrook count moves from 2024-25 to 2025-26 (its small areas move with it), for
# `baseline progress` over three years: homelessness falls back, falls admissions rise sharply,
# school readiness slips, care leavers improve; every other area moves 1%.
NEXT_YEAR = {"homelessness_duty_rate": 0.89, "frail_elderly_admissions": 1.13, "child_poverty": 1.0,
             "school_readiness": 0.985, "care_leavers_eet": 1.07}


def vintage_2026(text):
    """The same publication a year later: a provisional 2025-26 figure added after each 2024-25
    one (which becomes final), the place's counts still the sums of its small areas'."""
    import re

    def factor(indicator, code):
        return NEXT_YEAR.get(indicator, 1.0) if code == PLACE[0] or code.startswith("E0199900") else 1.01

    # SDMX: counts and denominators per series; the place's count is its small areas' sum.
    obs = re.compile(r'( *)<Obs TIME_PERIOD="2024-04-01/P1Y" OBS_VALUE="[0-9.]+" OBS_STATUS="P" OBS_CONF="F" OBS_COUNT="(\d+)" OBS_DENOM="(\d+)"/>')
    series = re.compile(r'<Series REF_AREA="([A-Z0-9]+)" INDICATOR="([a-z_]+)" UNIT_MEASURE="([A-Z_0-9]+)".*?</Series>', re.S)
    per = {name: spec["per"] for name, spec in INDICATORS.items()}
    counts = {}
    for match in series.finditer(text):
        code, indicator = match.group(1), match.group(2)
        found = obs.search(match.group(0))
        if found and code.startswith("E0199900"):
            counts.setdefault(indicator, 0)
            counts[indicator] += round(int(found.group(2)) * factor(indicator, code))

    def add_sdmx(match):
        code, indicator, block = match.group(1), match.group(2), match.group(0)
        found = obs.search(block)
        if found:
            denominator = round(int(found.group(3)) * 1.004)
            count = counts[indicator] if code == PLACE[0] else round(int(found.group(2)) * factor(indicator, code))
            new = '%s<Obs TIME_PERIOD="2025-04-01/P1Y" OBS_VALUE="%s" OBS_STATUS="P" OBS_CONF="F" OBS_COUNT="%d" OBS_DENOM="%d"/>' % (
                found.group(1), fmt(count * per[indicator] / denominator, 1), count, denominator)
            return block.replace(found.group(0), found.group(0).replace('OBS_STATUS="P"', 'OBS_STATUS="A"') + "\n" + new)
        simple = re.search(r'( *)<Obs TIME_PERIOD="2024" OBS_VALUE="([0-9.]+)" OBS_STATUS="([AP])" OBS_CONF="F"/>', block)
        if simple:
            step = 0.4 if indicator == "fuel_poverty" else 0.1
            new = '%s<Obs TIME_PERIOD="2025" OBS_VALUE="%s" OBS_STATUS="P" OBS_CONF="F"/>' % (simple.group(1), fmt(float(simple.group(2)) + step, 1))
            return block.replace(simple.group(0), simple.group(0).replace('OBS_STATUS="P"', 'OBS_STATUS="A"') + "\n" + new)
        return block
    text = series.sub(add_sdmx, text)

    # DfE: a 2025/26 row after each 2024/25 row.
    row = re.compile(r'( *)<row indicator="([a-z_]+)">\s*<area code="([A-Z0-9]+)">([^<]*)</area>\s*<period>2024/25</period>\s*'
                     r'<value>([0-9.]+) \[p\]</value>\s*<numerator>(\d+)</numerator>\s*<denominator>(\d+)</denominator>\s*<note/>\s*</row>')

    def add_dfe(match):
        indent, indicator, code, name = match.group(1), match.group(2), match.group(3), match.group(4)
        denominator = int(match.group(7))
        count = round(int(match.group(6)) * factor(indicator, code))
        final = match.group(0).replace(" [p]</value>", "</value>")
        new = ['%s<row indicator="%s">' % (indent, indicator), '    <area code="%s">%s</area>' % (code, name), '    <period>2025/26</period>',
               '    <value>%s [p]</value>' % fmt(100 * count / denominator, 1), '    <numerator>%d</numerator>' % count,
               '    <denominator>%d</denominator>' % denominator, '    <note/>', '  </row>']
        return final + "\n" + "\n".join(new)
    text = row.sub(add_dfe, text)
    return text.replace("MILLBROOK-INDICATORS-2025", "MILLBROOK-INDICATORS-2026").replace("2025-06-30", "2026-06-30")


def main():
    os.makedirs(OUT, exist_ok=True)
    catalogue_2024 = CATALOGUE.replace("Children in relative low-income families (under 16)",
                                       "Children in absolute low-income families (under 16)")
    for name, text in [("indicators-sdmx.xml", sdmx()), ("indicators-dfe.xml", dfe()), ("indicators.yaml", CATALOGUE),
                       ("indicators-sdmx-2024.xml", vintage_2024(sdmx())), ("indicators-dfe-2024.xml", vintage_2024(dfe())),
                       ("indicators-2024.yaml", catalogue_2024),
                       ("indicators-sdmx-2026.xml", vintage_2026(sdmx())), ("indicators-dfe-2026.xml", vintage_2026(dfe()))]:
        with open(os.path.join(OUT, name), "w", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
