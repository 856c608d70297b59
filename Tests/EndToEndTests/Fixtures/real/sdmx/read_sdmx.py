"""An independent reading of an SDMX-ML 2.1 data message, for the end-to-end tests.

    python3 read_sdmx.py FILE AREA INDICATOR_DIMENSIONS

AREA is `dimension:ID`, `attribute:ID` or `value:CODE`; INDICATOR_DIMENSIONS the ids whose
values, joined with '.', make the indicator id. Prints one JSON object per observation (area,
period, indicator, value, status; a value that is absent or NaN is null, with the reason it is
missing from OBS_STATUS), sorted. Uses only xml.etree: nothing of the tool's code.

A structure-specific observation that lacks the dimension at the observation (the header's
`dimensionAtObservation`) takes it from its `xsi:type`, as SDMX's explicit measures write it.
"""
import json
import sys
import xml.etree.ElementTree as ET

STATUS = {"P": "provisional", "E": "estimated", "F": "forecast", "I": "imputed", "U": "low_reliability", "B": "break"}
MISSING = {"Q": "suppressed", "L": "not_available", "O": "not_available", "H": "not_available", "M": "not_applicable"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(element, name):
    return [child for child in element if local(child.tag) == name]


def generic_values(element, name):
    """The id → value pairs of a generic message's SeriesKey / ObsKey / Attributes child."""
    values = {}
    for block in children(element, name):
        for value in children(block, "Value"):
            values[value.get("id")] = value.get("value")
    return values


def observation_dimension(root):
    """The header's dimensionAtObservation (of its first Structure)."""
    for header in children(root, "Header"):
        for structure in children(header, "Structure"):
            return structure.get("dimensionAtObservation")
    return None


def observations(root):
    """(components, period, value) of every observation: its series' dimensions and attributes
    merged with its own. Observations of a flat message sit in the dataset, with no series."""
    generic = local(root.tag).startswith("Generic")
    at_observation = observation_dimension(root)
    for dataset in [e for e in root if local(e.tag) == "DataSet"]:
        for series in children(dataset, "Series") + [None]:
            holder = dataset if series is None else series
            if series is None:
                shared = {}
            elif generic:
                shared = {**generic_values(series, "SeriesKey"), **generic_values(series, "Attributes")}
            else:
                shared = dict(series.attrib)
            for obs in children(holder, "Obs"):
                if generic:
                    own = {**generic_values(obs, "ObsKey"), **generic_values(obs, "Attributes")}
                    for dimension in children(obs, "ObsDimension"):
                        own[dimension.get("id", "TIME_PERIOD")] = dimension.get("value")
                    own["OBS_VALUE"] = children(obs, "ObsValue")[0].get("value")
                else:
                    own = {name: value for name, value in obs.attrib.items() if not name.startswith("{")}
                    if at_observation not in (None, "TIME_PERIOD", "AllDimensions") and at_observation not in own \
                            and obs.get(XSI_TYPE):
                        own[at_observation] = obs.get(XSI_TYPE).rsplit(":", 1)[-1]
                merged = {**shared, **own}
                yield merged, merged.pop("TIME_PERIOD"), merged.pop("OBS_VALUE", None)


def main():
    path, area_spec, dimensions = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    how, _, what = area_spec.partition(":")
    rows = []
    for merged, period, value in observations(ET.parse(path).getroot()):
        area = what if how == "value" else merged[what]
        code = (merged.get("OBS_STATUS") or "").upper()
        number = None if value in (None, "", "NaN") else float(value)
        row = {"area": area, "period": period, "indicator": ".".join(merged[d] for d in dimensions), "value": number,
               "status": STATUS.get(code) if number is not None else None}
        if number is None:
            row["missing"] = MISSING.get(code, "not_available")
        rows.append(row)
    for row in sorted(rows, key=lambda r: (r["area"], r["indicator"], r["period"])):
        print(json.dumps(row, sort_keys=True))


main()
