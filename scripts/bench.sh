#!/usr/bin/env bash
# The read path, side by side in one run: the instance list through pgdeck
# (`POST /api/list_instances`, a signed-in viewer) against the same list
# straight from the in-process sandbox (`GET /v1.0/db-instances` with a
# token), at 1 and at 64 connections, and through the JSON API with a
# personal API token (`GET /api/v1/instances`); then `/api/me` (session
# only) and `/healthz` (no session). Uses hey (Debian's `hey` package).
# Usage: cargo build --release -p server --bin pgdeck && scripts/bench.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
d=$(mktemp -d)
PGDECK_DATA_DIR=$d PGDECK_LISTEN=127.0.0.1:$port "${PGDECK_BIN:-target/release/pgdeck}" serve --sandbox >"$d/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -fsS $base/healthz >/dev/null 2>&1 && break; sleep 0.2; done
sb=$(grep -o 'base=http://127.0.0.1:[0-9]*' "$d/log" | head -1 | cut -d= -f2)
curl -s -H "Origin: $base" -c "$d/jar" -d username=victor -d password=sandbox-password $base/api/sign_in -o /dev/null
cookie=$(awk '/pgdeck_session/{print $6"="$7}' "$d/jar")
pgd=$(curl -s -H "Origin: $base" -H "Cookie: $cookie" -H 'Content-Type: application/json' \
  -d '{"new": {"name": "bench", "days": 1, "scopes": ["read"]}}' $base/api/create_token | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
token=$(curl -s -u sandbox-viewer:sandbox-viewer-secret -d grant_type=client_credentials "$sb/oauth2/token/create" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
run() { # label, connections, hey args...
  local label=$1 c=$2; shift 2
  local out; out=$(hey -z "${secs}s" -c "$c" "$@")
  printf '%-34s c=%-3s %10s req/s   p50 %8s ms   p99 %8s ms   non-2xx %s\n' "$label" "$c" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
    "$(awk '/50% in/{printf "%.2f", $3*1000}' <<<"$out")" \
    "$(awk '/99% in/{printf "%.2f", $3*1000}' <<<"$out")" \
    "$(grep -E '^\s+\[[0-9]+\]' <<<"$out" | grep -v '\[200\]' | awk '{s+=$2} END{print s+0}')"
}
for c in 1 64; do
  run "sandbox GET /v1.0/db-instances" "$c" -H "X-TC-APP-KEY: sandbox-appkey" -H "X-NHN-AUTHORIZATION: Bearer $token" "$sb/v1.0/db-instances"
  run "pgdeck POST /api/list_instances" "$c" -m POST -H "Origin: $base" -H "Cookie: $cookie" "$base/api/list_instances"
  run "pgdeck GET /api/v1/instances" "$c" -H "Authorization: Bearer $pgd" "$base/api/v1/instances"
done
run "pgdeck POST /api/me" 64 -m POST -H "Origin: $base" -H "Cookie: $cookie" "$base/api/me"
run "pgdeck GET /healthz" 64 "$base/healthz"
echo "pgdeck RSS after the runs: $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
