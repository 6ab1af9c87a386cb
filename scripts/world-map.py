#!/usr/bin/env python3
"""Build themes/default/data/world-110m.json: country outlines for the
build-time SVG choropleth, keyed by ISO 3166-1 alpha-3.

Run by hand when the map data should change; the output is committed and
nothing is fetched when the site is built or viewed.  Standard library only.

Sources, both fetched as tarballs from the npm registry:
  * world-atlas 2.x, countries-110m.json: Natural Earth 1:110m admin-0
    countries (public domain) as TopoJSON; package ISC.
  * i18n-iso-countries, codes.json: ISO 3166-1 alpha-2 / alpha-3 / numeric;
    package MIT.

Steps: decode the TopoJSON arcs (delta-encoded, quantized); simplify each
arc with Douglas-Peucker in projected pixels, keeping arc end points so that
neighbours still share their borders exactly; assemble rings; cut rings
that cross the antimeridian (Fiji, Russia's Chukotka and Wrangel Island);
project with Equal Earth (Savric, Patterson, Jenny 2018) into a 1000 px wide
frame of the whole globe; round to 0.1 px; write one SVG path per country
(absolute M for each ring, relative l, Z) and the area-weighted centroid of
its largest polygon.

Usage: python3 scripts/world-map.py [--tolerance 0.3] [--leave-out-unrecognised] [--crimea UKR|RUS] [--out PATH]
"""

import argparse
import base64
import hashlib
import io
import json
import math
import os
import re
import sys
import tarfile
import time
import urllib.request

REGISTRY = os.environ.get("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
ATLAS_PACKAGE, ATLAS_MAJOR, ATLAS_FILE = "world-atlas", 2, "package/countries-110m.json"
CODES_PACKAGE, CODES_FILE = "i18n-iso-countries", "package/codes.json"

WIDTH = 1000

# Natural Earth features without an ISO 3166-1 numeric id, by name.
# Kosovo gets the user-assigned code in common use; the rest are skipped
# (drawn as part of the listed country, unless --leave-out-unrecognised).
NO_ID_CODES = {"Kosovo": "XKX"}
NO_ID_MERGE = {"N. Cyprus": "CYP", "Somaliland": "SOM"}
DROP = {"ATA"}

# Natural Earth's "name" field abbreviates; spell these out.
NAMES = {
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Central African Rep.": "Central African Republic",
    "Dem. Rep. Congo": "DR Congo",
    "Dominican Rep.": "Dominican Republic",
    "Eq. Guinea": "Equatorial Guinea",
    "eSwatini": "Eswatini",
    "Falkland Is.": "Falkland Islands",
    "Fr. S. Antarctic Lands": "French Southern and Antarctic Lands",
    "Macedonia": "North Macedonia",
    "S. Sudan": "South Sudan",
    "Solomon Is.": "Solomon Islands",
    "W. Sahara": "Western Sahara",
}


# ---------------------------------------------------------------- npm


def fetch(url):
    req = urllib.request.Request(url, headers={
        "Accept": "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8",
        "User-Agent": "relais-world-map-script",
    })
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def npm_package(name, major=None):
    """Download the newest release (of a major version, if given); return
    (version, licence, tarball url, {path: bytes})."""
    doc = json.loads(fetch(f"{REGISTRY}/{name}"))
    if major is None:
        version = doc["dist-tags"]["latest"]
    else:
        plain = [v for v in doc["versions"] if re.fullmatch(r"\d+\.\d+\.\d+", v)]
        plain = [v for v in plain if int(v.split(".")[0]) == major]
        if not plain:
            sys.exit(f"no {name}@{major}.x on {REGISTRY}")
        version = max(plain, key=lambda v: tuple(map(int, v.split("."))))
    dist = doc["versions"][version]["dist"]
    data = fetch(dist["tarball"])
    integrity = dist.get("integrity", "")
    if integrity.startswith("sha512-"):
        if base64.b64decode(integrity[7:]) != hashlib.sha512(data).digest():
            sys.exit(f"{name}@{version}: tarball does not match its sha512 integrity")
    elif hashlib.sha1(data).hexdigest() != dist["shasum"]:
        sys.exit(f"{name}@{version}: tarball does not match its shasum")
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for m in tar.getmembers():
            if m.isfile():
                files[m.name] = tar.extractfile(m).read()
    meta = json.loads(files["package/package.json"])
    return version, meta.get("license", "?"), dist["tarball"], files


# ---------------------------------------------------------------- projection

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    """Equal Earth, unit sphere, radians out of degrees; y up."""
    lam, phi = math.radians(lon), math.radians(lat)
    t = math.asin(M * math.sin(phi))
    t2 = t * t
    t6 = t2 * t2 * t2
    x = lam * math.cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]
Y_MAX = equal_earth(0, 90)[1]
SCALE = WIDTH / (2 * X_MAX)
HEIGHT = round(2 * Y_MAX * SCALE)


def project(lon, lat):
    x, y = equal_earth(lon, lat)
    return WIDTH / 2 + x * SCALE, HEIGHT / 2 - y * SCALE


# ---------------------------------------------------------------- geometry


def unwrap(points):
    """Make longitudes continuous (a step of more than 180 degrees is a
    crossing of the antimeridian)."""
    out, shift, prev = [], 0.0, None
    for lon, lat in points:
        if prev is not None:
            d = lon + shift - prev
            if d > 180:
                shift -= 360
            elif d < -180:
                shift += 360
        prev = lon + shift
        out.append((prev, lat))
    return out


def dp_keep(pts, tol):
    """Douglas-Peucker on a projected polyline; returns kept indices."""
    n = len(pts)
    if n <= 2:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if len2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / len2))
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > best:
                best, best_i = d2, i
        if best > tol2:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [i for i in range(n) if keep[i]]


def simplify_arc(lonlat, tol):
    """Simplify one arc, keeping its end points. Closed arcs (a whole
    island) are split at the point farthest from the start first."""
    cont = unwrap(lonlat)
    xy = [equal_earth(lon, lat) for lon, lat in cont]
    xy = [(x * SCALE, -y * SCALE) for x, y in xy]
    if len(xy) > 3 and lonlat[0] == lonlat[-1]:
        x0, y0 = xy[0]
        far = max(range(len(xy)), key=lambda i: (xy[i][0] - x0) ** 2 + (xy[i][1] - y0) ** 2)
        idx = dp_keep(xy[: far + 1], tol) + [far + i for i in dp_keep(xy[far:], tol)[1:]]
    else:
        idx = dp_keep(xy, tol)
    return [cont[i] for i in idx]


def ring_points(ring_arcs, arcs):
    pts = []
    for a in ring_arcs:
        seg = arcs[a] if a >= 0 else arcs[~a][::-1]
        if pts:
            # arcs were unwrapped on their own; keep the ring continuous
            off = round((pts[-1][0] - seg[0][0]) / 360) * 360
            seg = [(lon + off, lat) for lon, lat in seg]
            pts.extend(seg[1:])
        else:
            pts.extend(seg)
    return pts


def clip(ring, keep_west, cut=180.0):
    """Sutherland-Hodgman against the meridian lon = cut."""
    inside = (lambda p: p[0] <= cut) if keep_west else (lambda p: p[0] >= cut)
    out = []
    n = len(ring)
    for i in range(n):
        p, q = ring[i - 1], ring[i]
        if inside(q):
            if not inside(p):
                out.append(cross(p, q, cut))
            out.append(q)
        elif inside(p):
            out.append(cross(p, q, cut))
    return out


def cross(p, q, cut):
    t = (cut - p[0]) / (q[0] - p[0])
    return (cut, p[1] + t * (q[1] - p[1]))


def split_antimeridian(ring):
    """Return [(side, ring)] with every ring inside [-180, 180]; side is 0
    for an uncut ring, -1/+1 for the western/eastern piece of a cut one."""
    ring = unwrap(ring)
    lo = min(p[0] for p in ring)
    hi = max(p[0] for p in ring)
    if lo >= -180 and hi <= 180:
        return [(0, ring)]
    if lo < -180:
        ring = [(lon + 360, lat) for lon, lat in ring]
    # the piece with lon <= 180 lies at the right edge of the map (+1),
    # the rest, moved by 360 degrees, at the left edge (-1)
    right = clip(ring, True)
    left = [(lon - 360, lat) for lon, lat in clip(ring, False)]
    return [(s, r) for s, r in ((1, right), (-1, left)) if len(r) >= 3]


def to_tenths(ring):
    out = []
    for lon, lat in ring:
        x, y = project(lon, lat)
        p = (round(x * 10), round(y * 10))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    # drop spikes and collinear points left by rounding
    changed = True
    while changed and len(out) >= 3:
        changed = False
        res = []
        n = len(out)
        for i in range(n):
            a, b, c = out[i - 1], out[i], out[(i + 1) % n]
            if (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) == 0:
                changed = True
                continue
            res.append(b)
        out = res
    return out if len(out) >= 3 else []


def area2(ring):
    """Twice the signed area (screen coordinates, y down), in tenths^2."""
    s = 0
    for i in range(len(ring)):
        x0, y0 = ring[i - 1]
        x1, y1 = ring[i]
        s += x0 * y1 - x1 * y0
    return s


def centroid(polygon):
    """Area-weighted centroid of a polygon (outer ring + holes), tenths."""
    a = cx = cy = 0.0
    for ring in polygon:
        for i in range(len(ring)):
            x0, y0 = ring[i - 1]
            x1, y1 = ring[i]
            f = x0 * y1 - x1 * y0
            a += f
            cx += (x0 + x1) * f
            cy += (y0 + y1) * f
    return cx / (3 * a), cy / (3 * a)


def fmt(v):
    """Tenths as a decimal number: 12 -> 1.2, -30 -> -3, 5 -> 0.5."""
    s = "-" if v < 0 else ""
    q, r = divmod(abs(v), 10)
    return f"{s}{q}.{r}" if r else f"{s}{q}"


def path(polygons):
    out = []
    for poly in polygons:
        for ring in poly:
            x, y = ring[0]
            out.append(f"M{fmt(x)},{fmt(y)}l")
            first = True
            for nx, ny in ring[1:]:
                dx, dy = fmt(nx - x), fmt(ny - y)
                if not first and not dx.startswith("-"):
                    out.append(" ")
                out.append(f"{dx},{dy}")
                first = False
                x, y = nx, ny
            out.append("Z")
    return "".join(out)



def arc_pts(a, raw):
    return raw[a] if a >= 0 else raw[~a][::-1]


def planar_area(points):
    pts = unwrap(points)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1])) / 2


def ring_lonlat(ring, raw):
    pts = []
    for a in ring:
        pts.extend(arc_pts(a, raw)[1:] if pts else arc_pts(a, raw))
    return pts


def point_in(pt, ring):
    x, y = pt
    c = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            c = not c
    return c


def is_crimea(polygon, raw):
    pts = ring_lonlat(polygon[0], raw)
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return 32 < min(lons) and max(lons) < 37 and 44 < min(lats) and max(lats) < 46.5


def dissolve(polygons, ends, raw):
    """Merge polygons of one country that share arcs (as topojson.merge
    does): drop arcs used twice, stitch the rest into rings, and sort the
    rings into exteriors and holes by orientation."""
    uses = {}
    for poly in polygons:
        for ring in poly:
            for a in ring:
                uses[a if a >= 0 else ~a] = uses.get(a if a >= 0 else ~a, 0) + 1
    if all(n == 1 for n in uses.values()):
        return polygons
    exterior_sign = planar_area(ring_lonlat(polygons[0][0], raw)) > 0
    start = lambda a: ends[a][0] if a >= 0 else ends[~a][1]
    end = lambda a: ends[a][1] if a >= 0 else ends[~a][0]
    left = [a for poly in polygons for ring in poly for a in ring if uses[a if a >= 0 else ~a] == 1]
    rings = []
    while left:
        ring = [left.pop(0)]
        while end(ring[-1]) != start(ring[0]):
            nxt = next((a for a in left if start(a) == end(ring[-1])), None)
            if nxt is None:
                sys.exit("dissolve: open ring")
            left.remove(nxt)
            ring.append(nxt)
        rings.append(ring)
    outer = [[r] for r in rings if (planar_area(ring_lonlat(r, raw)) > 0) == exterior_sign]
    for r in rings:
        if (planar_area(ring_lonlat(r, raw)) > 0) != exterior_sign:
            p = ring_lonlat(r, raw)[0]
            home = next((o for o in outer if point_in(p, ring_lonlat(o[0], raw))), outer[0])
            home.append(r)
    return outer


# ---------------------------------------------------------------- main


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "themes", "default", "data", "world-110m.json"))
    ap.add_argument("--tolerance", type=float, default=0.3,
                    help="Douglas-Peucker tolerance in output pixels (default 0.3)")
    ap.add_argument("--min-area", type=float, default=0.1,
                    help="drop islands smaller than this many square pixels, "
                         "except a country's largest polygon (default 0.1)")
    ap.add_argument("--leave-out-unrecognised", dest="merge_unrecognised", action="store_false",
                    help="leave N. Cyprus and Somaliland out (holes in the map) instead of drawing "
                         "them as part of CYP and SOM, as ISO 3166 does (the default)")
    ap.add_argument("--crimea", choices=["UKR", "RUS"], default="UKR",
                    help="which country Crimea is drawn in: UKR as in ISO 3166-2 "
                         "(default), or RUS as in Natural Earth's de facto view")
    args = ap.parse_args()
    started = time.monotonic()

    atlas_v, atlas_lic, atlas_url, atlas_files = npm_package(ATLAS_PACKAGE, ATLAS_MAJOR)
    codes_v, codes_lic, codes_url, codes_files = npm_package(CODES_PACKAGE)
    topo = json.loads(atlas_files[ATLAS_FILE])
    codes = json.loads(codes_files[CODES_FILE])
    alpha3 = {num: a3 for _a2, a3, num, *_ in codes}
    # French names from the same package (langs/fr.json, keyed by alpha-2;
    # a list gives the official name first).
    a2_to_a3 = {a2: a3 for a2, a3, *_ in codes}
    fr_raw = json.loads(codes_files["package/langs/fr.json"])["countries"]
    names_fr = {a2_to_a3[a2]: (v[0] if isinstance(v, list) else v) for a2, v in fr_raw.items() if a2 in a2_to_a3}
    names_fr.setdefault("XKX", "Kosovo")
    fetched = time.monotonic()

    # decode arcs
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    raw, ends, arcs = [], [], []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        ends.append(((arc[0][0], arc[0][1]), (x, y)))
        raw.append(pts)
        arcs.append(simplify_arc(pts, args.tolerance))

    # polygons (lists of rings of arc indices) per alpha-3 code
    skipped, notes, names, by_code = [], [], {}, {}
    geoms = topo["objects"]["countries"]["geometries"]
    for g in geoms:
        ne_name = g["properties"]["name"]
        num = g.get("id")
        code = alpha3.get(num) if num else NO_ID_CODES.get(ne_name)
        parts = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        if code is None and args.merge_unrecognised and ne_name in NO_ID_MERGE:
            code = NO_ID_MERGE[ne_name]
            notes.append(f"{ne_name} (no ISO code) is drawn as part of {code}.")
            by_code.setdefault(code, []).extend(parts)
            continue
        if code is None:
            skipped.append(f"{ne_name} (id {num!r})" if num else ne_name)
            continue
        if code in DROP:
            skipped.append(f"{ne_name} ({code}, dropped)")
            continue
        names[code] = NAMES.get(ne_name, ne_name)
        by_code.setdefault(code, []).extend(parts)

    if args.crimea == "UKR":
        crimea = [p for p in by_code.get("RUS", []) if is_crimea(p, raw)]
        if len(crimea) == 1:
            by_code["RUS"].remove(crimea[0])
            by_code["UKR"].append(crimea[0])
            notes.append("Crimea is drawn as part of UKR (ISO 3166-2:UA-43, UN GA resolution "
                         "68/262); Natural Earth's default view puts it in RUS.")
        else:
            sys.exit(f"found {len(crimea)} Crimea polygons in RUS, expected 1")
    for code in by_code:
        by_code[code] = dissolve(by_code[code], ends, raw)

    countries, dropped_islands = {}, 0
    xs, ys = [], []
    for code in sorted(by_code):
        polygons = []
        for rings in by_code[code]:
            pieces = {}
            for k, ring_arcs in enumerate(rings):
                for side, ring in split_antimeridian(ring_points(ring_arcs, arcs)):
                    if k > 0 and side == 0 and 0 not in pieces:
                        # uncut hole in a cut polygon: goes with the piece
                        # on its side of the map
                        side = 1 if ring[0][0] > 0 else -1
                    ring = to_tenths(ring)
                    if not ring:
                        continue
                    # outer rings clockwise on screen (positive area with
                    # y down), holes the other way: nonzero fill works
                    if (area2(ring) > 0) != (k == 0):
                        ring.reverse()
                    pieces.setdefault(side, []).append(ring)
            polygons.extend(p for p in pieces.values() if area2(p[0]) > 0)
        if not polygons:
            skipped.append(f"{names[code]} ({code}, nothing left)")
            continue
        area = lambda p: sum(area2(r) for r in p)
        polygons.sort(key=area, reverse=True)
        kept = [polygons[0]] + [p for p in polygons[1:] if area(p) / 200 >= args.min_area]
        dropped_islands += len(polygons) - len(kept)
        cx, cy = centroid(kept[0])
        for p in kept:
            for x, y in p[0]:
                xs.append(x)
                ys.append(y)
        countries[code] = {
            "name": names[code],
            "name_fr": names_fr.get(code, names[code]),
            "centroid": [round(cx) / 10, round(cy) / 10],
            "d": path(kept),
        }

    head = {
        "source": (f"Natural Earth 1:110m admin-0 countries (naturalearthdata.com) as "
                   f"TopoJSON from npm {ATLAS_PACKAGE}@{atlas_v} ({ATLAS_FILE[8:]}); "
                   f"ISO 3166-1 numeric to alpha-3 from npm {CODES_PACKAGE}@{codes_v} "
                   f"({CODES_FILE[8:]}); generated by scripts/world-map.py"),
        "licence": (f"Map data: Natural Earth, public domain. {ATLAS_PACKAGE} package: "
                    f"{atlas_lic}, (c) Michael Bostock. {CODES_PACKAGE} package: {codes_lic}."),
        "packages": [
            {"name": ATLAS_PACKAGE, "version": atlas_v, "licence": atlas_lic, "tarball": atlas_url},
            {"name": CODES_PACKAGE, "version": codes_v, "licence": codes_lic, "tarball": codes_url},
        ],
        "projection": "Equal Earth",
        "width": WIDTH,
        "height": HEIGHT,
        "extent": [min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10],
        "tolerance_px": args.tolerance,
        "skipped": skipped,
        "notes": notes,
    }
    # one country per line, so that a regeneration diffs readably
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "countries": {')
    items = list(countries.items())
    for i, (code, c) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        lines.append(f"    {json.dumps(code)}: {json.dumps(c, ensure_ascii=False, separators=(',', ':'))}{comma}")
    lines.append("  }")
    lines.append("}")
    text = "\n".join(lines) + "\n"

    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    size = len(text.encode("utf-8"))
    done = time.monotonic()
    print(f"{ATLAS_PACKAGE}@{atlas_v} ({atlas_lic}), {CODES_PACKAGE}@{codes_v} ({codes_lic})")
    print(f"{len(countries)} countries, {dropped_islands} islands under {args.min_area} px² dropped")
    print("skipped: " + "; ".join(skipped))
    for n in notes:
        print("note: " + n)
    print(f"wrote {out}: {size} bytes ({size / 1024:.1f} KiB), {WIDTH}x{HEIGHT}")
    print(f"time: {done - started:.2f} s ({fetched - started:.2f} s download, {done - fetched:.2f} s processing)")
    if size >= 200 * 1024:
        sys.exit("output is 200 KiB or more")


if __name__ == "__main__":
    main()
