#!/usr/bin/env bash
# Pages left before they end: signs in, then opens N pages (the list, an
# instance and its tabs, backups, audit, approvals, settings, sign-in, an
# unknown address) PAR at a time and closes each connection after 0-50 ms,
# as a browser does when its member clicks on. Then counts what pgdeck
# logged as failed and checks it still serves.
# Usage: scripts/walk-away.sh [N=1000] [PAR=1]   (PGDECK_BIN: the binary to try;
#        LATENCY=ms: the sandbox answers that slowly)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
par=${2:-1}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
PGDECK_DATA_DIR="$data" PGDECK_LISTEN="127.0.0.1:$port" "${PGDECK_BIN:-target/debug/pgdeck}" serve --sandbox >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
if [ -n "${LATENCY:-}" ]; then
  sandbox=$(grep -o 'base=http://127.0.0.1:[0-9]*' "$data/log" | head -1 | cut -d= -f2)
  curl -fsS -X PUT -H 'content-type: application/json' -d "{\"latencyMs\":$LATENCY}" "$sandbox/_sandbox/faults" >/dev/null
fi
python3 - "$url" "$n" "$par" <<'PY'
import http.cookiejar, json, random, socket, struct, sys, threading, time, urllib.parse, urllib.request
base, n, par = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
host, port = base.split('//')[1].split(':')
jar = http.cookiejar.CookieJar()
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
form = urllib.parse.urlencode({'username': 'alice', 'password': 'sandbox-password'}).encode()
web.open(urllib.request.Request(base + '/api/sign_in', data=form, headers={'Origin': base}))
cookie = '; '.join(f'{c.name}={c.value}' for c in jar)
listed = json.loads(web.open(urllib.request.Request(base + '/api/list_instances', data=b'', headers={'Origin': base})).read())
iid = listed[0]['dbInstanceId']
pages = ['/', '/sign-in', '/jobs', '/audit', '/approvals', '/backups', '/access-control', '/settings',
         f'/instances/{iid}', f'/instances/{iid}/settings', f'/instances/{iid}/monitoring', '/made-up']
def leave(count):
    for _ in range(count):
        s = socket.create_connection((host, int(port)))
        s.sendall(f'GET {random.choice(pages)} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n\r\n'.encode())
        time.sleep(random.choice([0, 0.001, 0.005, 0.02, 0.05]))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        s.close()
threads = [threading.Thread(target=leave, args=(n // par,)) for _ in range(par)]
for t in threads: t.start()
for t in threads: t.join()
print(f'{n // par * par} pages left early, {par} at a time')
PY
sleep 3
curl -fsS "$url/healthz" >/dev/null && echo "pgdeck still serves"
echo "failures logged: $(grep -c 'panicked\|a task failed' "$data/log" || true)"
