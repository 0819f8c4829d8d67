#!/usr/bin/env python3
"""Writes the demo city's gazetteer (src/main/resources/demo/gazetteer/) from its streets
(src/main/resources/demo/riverton-streets.csv): streets with their middle point, five numbered
streets crossing Elm St, intersections of the streets of each neighbourhood, landmarks and parks,
and one polygon per neighbourhood (the Voronoi cells of its streets' middle points, clipped to the
town's box). Deterministic: run it again after changing the streets.
Usage: scripts/riverton-gazetteer.py"""
import csv, json, os, itertools

here = os.path.dirname(os.path.abspath(__file__))
res = os.path.join(here, '..', 'src', 'main', 'resources', 'demo')
out = os.path.join(res, 'gazetteer')
os.makedirs(out, exist_ok=True)

streets = []
with open(os.path.join(res, 'riverton-streets.csv')) as f:
    for r in csv.DictReader(f):
        streets.append((r['street'], r['neighbourhood'], float(r['lat']), float(r['lng'])))

ELM_LAT = next(s[2] for s in streets if s[0] == 'Elm St')
numbered = []
for k, (name, alias) in enumerate([('1st St', 'First St'), ('2nd St', 'Second St'), ('3rd St', 'Third St'),
                                   ('4th St', 'Fourth St'), ('5th St', 'Fifth St')]):
    lng = round(-72.92760 + 0.0012 * k, 5)
    numbered.append((name, alias, 'Elm Hill', round(ELM_LAT + 0.0013, 5), lng))

with open(os.path.join(out, 'streets.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['name', 'aliases', 'lat', 'lng', 'neighbourhood'])
    for name, hood, lat, lng in streets:
        w.writerow([name, '', f'{lat:.5f}', f'{lng:.5f}', hood])
    for name, alias, hood, lat, lng in numbered:
        w.writerow([name, alias, f'{lat:.5f}', f'{lng:.5f}', hood])

with open(os.path.join(out, 'intersections.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['street1', 'street2', 'lat', 'lng'])
    for name, alias, hood, lat, lng in numbered:
        w.writerow(['Elm St', name, f'{ELM_LAT:.5f}', f'{lng:.5f}'])
    by_hood = {}
    for s in streets:
        by_hood.setdefault(s[1], []).append(s)
    for hood, ss in by_hood.items():
        for a, b in itertools.combinations(ss, 2):
            w.writerow([a[0], b[0], f'{(a[2] + b[2]) / 2:.5f}', f'{(a[3] + b[3]) / 2:.5f}'])

landmarks = [
    ('Riverton Public Library', 'the library;library;public library;biblioteca;la biblioteca', 'library',
     ELM_LAT + 0.00015, -72.92330),
    ('City Hall', 'town hall;ayuntamiento;municipio', 'government', 41.69760, -72.90250),
    ("St. Mary's Church", "Saint Mary's;St Mary's;iglesia de santa maria", 'church', 41.69990, -72.89940),
    ('Riverton High School', 'the high school;high school;escuela secundaria', 'school', 41.71870, -72.88060),
    ('Riverton Station', 'the train station;train station;estacion de tren;la estacion', 'station',
     41.70800, -72.88150),
    ('Riverside Park', 'riverside playground;parque riverside', 'park', 41.69450, -72.88500),
    ('Downtown Green', 'downtown park;downtown playground', 'park', 41.70100, -72.90200),
    ('Canal Park', 'canal district park;canal district playground;canal walk', 'park', 41.70300, -72.87900),
    ('Millbrook Park', 'millbrook playground;parque millbrook', 'park', 41.71150, -72.91450),
    ('North End Park', 'north end playground', 'park', 41.72300, -72.89800),
    ('Elm Hill Park', 'elm hill playground;parque elm hill', 'park', 41.70700, -72.92450),
    ('South Meadow Park', 'south meadow playground', 'park', 41.68350, -72.90300),
    ('Oak Park Common', 'oak park park;oak park playground', 'park', 41.71550, -72.87550),
]
with open(os.path.join(out, 'landmarks.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['name', 'aliases', 'kind', 'lat', 'lng'])
    for name, aliases, kind, lat, lng in landmarks:
        w.writerow([name, aliases, kind, f'{lat:.5f}', f'{lng:.5f}'])

# neighbourhoods: every street's Voronoi cell (around its middle point, clipped to the town's box),
# the cells of a neighbourhood's streets together as one MultiPolygon
sites = [(lat, lng, hood) for name, hood, lat, lng in streets] + [(lat, lng, hood) for _, _, hood, lat, lng in numbered]
lats = [s[0] for s in sites]
lngs = [s[1] for s in sites]
box = [(min(lats) - 0.01, min(lngs) - 0.01), (min(lats) - 0.01, max(lngs) + 0.01),
       (max(lats) + 0.01, max(lngs) + 0.01), (max(lats) + 0.01, min(lngs) - 0.01)]
K = 0.747  # a degree of longitude is 0.747 of a degree of latitude at 41.7 N: compare in a local plane


def clip(poly, a, b):
    """Keeps the part of poly nearer to site a than to site b (points are (lat, lng))."""
    ax, ay, bx, by = a[1] * K, a[0], b[1] * K, b[0]
    def side(p):
        x, y = p[1] * K, p[0]
        return (x - ax) ** 2 + (y - ay) ** 2 - (x - bx) ** 2 - (y - by) ** 2
    out = []
    for i in range(len(poly)):
        p, q = poly[i], poly[(i + 1) % len(poly)]
        sp, sq = side(p), side(q)
        if sp <= 0:
            out.append(p)
        if (sp < 0) != (sq < 0) and sp != sq:
            t = sp / (sp - sq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


cells = {}
for site in sites:
    poly = list(box)
    for other in sites:
        if other is not site and (other[0], other[1]) != (site[0], site[1]):
            poly = clip(poly, site, other)
    ring = [[round(p[1], 5), round(p[0], 5)] for p in poly]
    ring.append(ring[0])
    cells.setdefault(site[2], []).append([ring])
features = [{'type': 'Feature', 'properties': {'name': hood},
             'geometry': {'type': 'MultiPolygon', 'coordinates': polys}} for hood, polys in cells.items()]
with open(os.path.join(out, 'neighbourhoods.geojson'), 'w') as f:
    json.dump({'type': 'FeatureCollection', 'features': features}, f, indent=1)
    f.write('\n')


def inside(ring, lat, lng):
    c = False
    for i in range(len(ring)):
        x1, y1 = ring[i]
        x2, y2 = ring[i - 1]
        if (y1 > lat) != (y2 > lat) and lng < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            c = not c
    return c


def hood_of(lat, lng):
    return next((f['properties']['name'] for f in features
                 if any(inside(p[0], lat, lng) for p in f['geometry']['coordinates'])), None)


wrong = [(n, h) for n, h, lat, lng in streets if hood_of(lat, lng) != h]
print('landmarks:', [(l[0], hood_of(l[3], l[4])) for l in landmarks])
print(f'{len(streets) + len(numbered)} streets, {len(landmarks)} landmarks, {len(features)} neighbourhoods;'
      f' streets outside their own neighbourhood: {wrong}')
