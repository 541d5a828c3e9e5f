#!/usr/bin/env bash
# Jobs at scale: starts pgdeck in sandbox mode (jobs take JOB_SECONDS),
# has four members (admin, alice, bob, carol — four credential sets) ask
# for N instance creations through the change path at once, then watches
# pgdeck's job table until every job is followed to its end. Prints how
# late each end was noticed (pgdeck's finished_at against the moment the
# sandbox's job ended: its start plus JOB_SECONDS), how many job polls
# upstream received per second (over the run and in the busiest second),
# how long the jobs page and its list took to answer while the jobs ran,
# and pgdeck's RSS.
# Usage: cargo build --release -p server --bin pgdeck && scripts/jobs-bench.sh [N=1000] [JOB_SECONDS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
job_seconds=${2:-20}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
d=$(mktemp -d)
PGDECK_DATA_DIR=$d PGDECK_LISTEN=127.0.0.1:$port PGDECK_SANDBOX_JOB_SECONDS=$job_seconds \
  "${PGDECK_BIN:-target/release/pgdeck}" serve --sandbox >"$d/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -fsS $base/healthz >/dev/null 2>&1 && break; sleep 0.2; done
sb=$(grep -o 'base=http://127.0.0.1:[0-9]*' "$d/log" | head -1 | cut -d= -f2)
python3 - "$base" "$sb" "$d/pgdeck.sqlite3" "$n" "$job_seconds" "$pid" <<'PY'
import json, sqlite3, sys, threading, time, urllib.request
from datetime import datetime, timezone
from concurrent.futures import ThreadPoolExecutor
import http.cookiejar

base, sb, db, n, job_seconds, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]

def opener():
    jar = http.cookiejar.CookieJar()
    o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    o.addheaders = [("Origin", base)]
    return o

def post(o, fn, data=None, json_body=None):
    if json_body is not None:
        req = urllib.request.Request(f"{base}/api/{fn}", data=json.dumps(json_body).encode(), headers={"Content-Type": "application/json", "Origin": base})
    else:
        req = urllib.request.Request(f"{base}/api/{fn}", data=urllib.parse.urlencode(data or {}).encode(), headers={"Origin": base})
    with o.open(req, timeout=120) as r:
        return json.loads(r.read() or b"null")

import urllib.parse
members = {}
for m in ["admin", "alice", "bob", "carol"]:
    o = opener()
    post(o, "sign_in", {"username": m, "password": "sandbox-password"})
    members[m] = o
c = post(members["admin"], "create_choices")
version = c["versions"][0]["dbVersion"]
flavor = c["flavors"][0]["dbFlavorId"]
group = next(g["parameterGroupId"] for g in c["parameter_groups"] if g["dbVersion"] == version)
subnet = c["subnets"][0]["subnetId"]
storage = c["storage_types"][0]

def create(i):
    o = members[["admin", "alice", "bob", "carol"][i % 4]]
    body = {"dbInstanceName": f"bench-{i}", "dbFlavorId": flavor, "dbVersion": version, "databaseName": "app", "dbUserName": "bench", "dbPassword": "bench-pass1",
            "dbPort": 5432, "parameterGroupId": group, "dbSecurityGroupIds": [], "userGroupIds": [],
            "network": {"subnetId": subnet}, "storage": {"storageType": storage, "storageSize": 20},
            "backup": {"backupPeriod": 1, "backupSchedules": [{"backupWndBgnTime": "00:00:00", "backupWndDuration": "ONE_HOUR"}]},
            "useHighAvailability": False, "useDeletionProtection": False}
    return post(o, "request_change", json_body={"call": {"create_db_instance": {"body": body}}, "reason": ""})

def hits():
    with urllib.request.urlopen(f"{sb}/_sandbox/hits") as r:
        return json.loads(r.read()).get("job", 0)

polls0 = hits()
t0 = time.time()
with ThreadPoolExecutor(16) as ex:
    answers = list(ex.map(create, range(n)))
ran = sum(1 for a in answers if isinstance(a, dict) and "Ran" in a)
t_asked = time.time() - t0
print(f"{ran} of {n} creations started in {t_asked:.1f} s (16 at a time, 4 members)")

def utc(s):
    return datetime.strptime(s[:23], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp()

con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
peak_rss = 0
seen = [(time.time(), hits())]
page_times = []
while True:
    left = con.execute("SELECT COUNT(*) FROM jobs WHERE finished = 0").fetchone()[0]
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) // 1024
    peak_rss = max(peak_rss, rss)
    if left == 0:
        break
    if time.time() - t0 > 900:
        print(f"gave up: {left} jobs still unfinished after 900 s"); break
    # The jobs page as a member opens it, and the list it refreshes.
    a = time.time()
    with members["alice"].open(urllib.request.Request(f"{base}/jobs"), timeout=60) as r:
        r.read()
    b = time.time()
    post(members["alice"], "list_jobs", {"state": "", "resource_id": ""})
    page_times.append((b - a, time.time() - b))
    time.sleep(0.25)
    seen.append((time.time(), hits()))
total = time.time() - t0
polls = hits() - polls0
rows = con.execute("SELECT created_at, finished_at, status FROM jobs WHERE action = 'create_db_instance'").fetchall()
lags = sorted(utc(f) - (utc(c) + job_seconds) for c, f, s in rows if f)
done = sum(1 for r in rows if r[2] == "COMPLETED")
q = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))]
print(f"{done} of {len(rows)} jobs COMPLETED; all followed to the end in {total:.1f} s")
print(f"end noticed after upstream's end: p50 {q(0.5):.2f} s  p95 {q(0.95):.2f} s  max {lags[-1]:.2f} s")
busiest = 0.0
for i, (ta, ha) in enumerate(seen):
    later = next(((tb, hb) for tb, hb in seen[i + 1:] if tb - ta >= 1.0), None)
    if later:
        busiest = max(busiest, (later[1] - ha) / (later[0] - ta))
print(f"job polls upstream received: {polls} ({polls / total:.1f}/s over the run, {busiest:.0f}/s in the busiest second, 4 credentials)")
pages = sorted(p for p, _ in page_times)
lists = sorted(l for _, l in page_times)
if pages:
    print(f"while jobs ran ({len(pages)} samples): the jobs page p50 {pages[len(pages) // 2] * 1000:.0f} ms, max {pages[-1] * 1000:.0f} ms; "
          f"list_jobs p50 {lists[len(lists) // 2] * 1000:.0f} ms, max {lists[-1] * 1000:.0f} ms")
print(f"pgdeck RSS: peak {peak_rss} MiB")
PY
