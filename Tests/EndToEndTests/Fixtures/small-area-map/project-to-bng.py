"""Writes lsoa-2011-bng.geojson from lsoa-2011-wgs84.geojson: the same ONS boundaries in British
National Grid (EPSG:27700) metres, as the Open Geography Portal's BNG downloads give them.

WGS84 longitude and latitude go to OSGB36 by the Ordnance Survey's 7-parameter Helmert
transformation, then to eastings and northings by its Transverse Mercator formulas (OS, "A Guide
to Coordinate Systems in Great Britain", annexes B and C); good to a few metres, rounded to the
metre as ONS' generalised files are. Run: python3 project-to-bng.py
"""
import json
import math
from pathlib import Path

HERE = Path(__file__).parent


def to_cartesian(lat, lon, a, b):
    e2 = 1 - b * b / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (nu * math.cos(lat) * math.cos(lon), nu * math.cos(lat) * math.sin(lon), (1 - e2) * nu * math.sin(lat))


def to_geodetic(x, y, z, a, b):
    e2 = 1 - b * b / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return lat, math.atan2(y, x)


def wgs84_to_osgb36(lat, lon):
    x, y, z = to_cartesian(lat, lon, 6378137.000, 6356752.3141)
    tx, ty, tz, s = -446.448, 125.157, -542.060, 20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421))
    x2 = tx + (1 + s) * x - rz * y + ry * z
    y2 = ty + rz * x + (1 + s) * y - rx * z
    z2 = tz - ry * x + rx * y + (1 + s) * z
    return to_geodetic(x2, y2, z2, 6377563.396, 6356256.909)


def grid(lat, lon):
    a, b, f0 = 6377563.396, 6356256.909, 0.9996012717
    lat0, lon0, n0, e0 = math.radians(49), math.radians(-2), -100000, 400000
    e2 = 1 - b * b / (a * a)
    n = (a - b) / (a + b)
    nu = a * f0 / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    rho = a * f0 * (1 - e2) / (1 - e2 * math.sin(lat) ** 2) ** 1.5
    eta2 = nu / rho - 1
    dl, sl = lat - lat0, lat + lat0
    m = b * f0 * ((1 + n + 5 / 4 * n ** 2 + 5 / 4 * n ** 3) * dl
                  - (3 * n + 3 * n ** 2 + 21 / 8 * n ** 3) * math.sin(dl) * math.cos(sl)
                  + (15 / 8 * n ** 2 + 15 / 8 * n ** 3) * math.sin(2 * dl) * math.cos(2 * sl)
                  - 35 / 24 * n ** 3 * math.sin(3 * dl) * math.cos(3 * sl))
    c, t = math.cos(lat), math.tan(lat)
    i = m + n0
    ii = nu / 2 * math.sin(lat) * c
    iii = nu / 24 * math.sin(lat) * c ** 3 * (5 - t ** 2 + 9 * eta2)
    iiia = nu / 720 * math.sin(lat) * c ** 5 * (61 - 58 * t ** 2 + t ** 4)
    iv = nu * c
    v = nu / 6 * c ** 3 * (nu / rho - t ** 2)
    vi = nu / 120 * c ** 5 * (5 - 18 * t ** 2 + t ** 4 + 14 * eta2 - 58 * t ** 2 * eta2)
    d = lon - lon0
    return e0 + iv * d + v * d ** 3 + vi * d ** 5, i + ii * d ** 2 + iii * d ** 4 + iiia * d ** 6


def project(point):
    lat, lon = wgs84_to_osgb36(math.radians(point[1]), math.radians(point[0]))
    east, north = grid(lat, lon)
    return [round(east), round(north)]


collection = json.loads((HERE / "lsoa-2011-wgs84.geojson").read_text())
collection["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
for feature in collection["features"]:
    feature["geometry"]["coordinates"] = [[project(p) for p in ring] for ring in feature["geometry"]["coordinates"]]
lines = [json.dumps(f, separators=(",", ":")) for f in collection["features"]]
(HERE / "lsoa-2011-bng.geojson").write_text(
    '{"type":"FeatureCollection","crs":' + json.dumps(collection["crs"], separators=(",", ":")) + ',"features":[\n'
    + ",\n".join(lines) + "\n]}\n")
