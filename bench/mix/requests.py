#!/usr/bin/env python3
"""Builds the request list of the mixed load (issue 11) from a running server.

usage: requests.py BASE_URL TOKEN OUT_DIR [N]

Writes OUT_DIR/requests.tsv: N (default 4000) lines "kind<TAB>path", shuffled,
in the mix's proportions:
  35 % buyer      GET /buyers/{random id}
  30 % collabs    GET /collaborations?buyer_id={random buyer}&limit=50
  15 % gmv90      GET /buyers?sort=-gmv_cents_90d&limit=50 at a random depth (real cursors)
  15 % circle     GET /buyers?circle={random circle}&limit=50 (first page or a real deeper cursor)
   5 % dashboard  GET /dashboard?days=7|30|90
wrk (mix.lua) picks a random line for each request. Also writes
OUT_DIR/buyers.txt (active buyer ids, for the writers) and OUT_DIR/import.csv
(10,000 collaborations of random buyers, for the import run).
"""
import datetime
import json
import random
import sys
import urllib.parse
import urllib.request

base, token, out = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 4000
rng = random.Random(11)


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def walk(path, max_pages):
    """Yields (cursor or None) of each page of a list, up to max_pages pages."""
    cursor = None
    for _ in range(max_pages):
        yield cursor
        sep = "&" if "?" in path else "?"
        page = get(path + (sep + "cursor=" + urllib.parse.quote(cursor) if cursor else ""))
        cursor = page.get("next_cursor")
        if not cursor:
            return


# Every active buyer, with their circles.
ids, circles = [], set()
cursor = None
while True:
    page = get("/api/v1/buyers?sort=created_at&limit=200" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else ""))
    for b in page["items"]:
        ids.append(b["id"])
        circles.update(b.get("interest_circles") or [])
    cursor = page.get("next_cursor")
    if not cursor:
        break
circles = sorted(circles)

gmv_path = "/api/v1/buyers?sort=-gmv_cents_90d&limit=50"
gmv_pages = [gmv_path + ("&cursor=" + urllib.parse.quote(c) if c else "") for c in walk(gmv_path, 10**6)]
circle_pages = []
for c in circles:
    p = "/api/v1/buyers?circle=" + urllib.parse.quote(c) + "&limit=50"
    circle_pages += [p + ("&cursor=" + urllib.parse.quote(cur) if cur else "") for cur in walk(p, 20)]

lines = []
lines += [("buyer", "/api/v1/buyers/%d" % i) for i in rng.sample(ids, min(len(ids), n * 35 // 100))]
lines += [("buyer", "/api/v1/buyers/%d" % rng.choice(ids)) for _ in range(n * 35 // 100 - min(len(ids), n * 35 // 100))]
lines += [("collabs", "/api/v1/collaborations?buyer_id=%d&limit=50" % rng.choice(ids)) for _ in range(n * 30 // 100)]
lines += [("gmv90", rng.choice(gmv_pages)) for _ in range(n * 15 // 100)]
lines += [("circle", rng.choice(circle_pages)) for _ in range(n * 15 // 100)]
lines += [("dashboard", "/api/v1/dashboard?days=%d" % d) for d in ([7, 30, 90] * n)[: n - len(lines)]]
rng.shuffle(lines)
with open(out + "/requests.tsv", "w") as f:
    for kind, path in lines:
        f.write(kind + "\t" + path + "\n")
with open(out + "/buyers.txt", "w") as f:
    f.write("\n".join(map(str, ids)) + "\n")

today = datetime.date.today()
with open(out + "/import.csv", "w") as f:
    f.write("buyer_id,type,title,status,start_on,slot_fee_cents,commission_pct,views,orders,gmv_cents\n")
    for k in range(10000):
        day = today - datetime.timedelta(days=rng.randrange(120))
        f.write("%d,note,导入压测 %d,completed,%s,50000,12,%d,%d,%d\n" % (
            rng.choice(ids), k, day.isoformat(), rng.randrange(100, 50000), rng.randrange(1, 200), rng.randrange(1000, 9000000)))

print("%d requests (%d distinct): %d buyers, %d gmv90 pages, %d circles with %d pages" % (
    len(lines), len(set(p for _, p in lines)), len(ids), len(gmv_pages), len(circles), len(circle_pages)))
