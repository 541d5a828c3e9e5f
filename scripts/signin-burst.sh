#!/usr/bin/env bash
# Usage: scripts/signin-burst.sh [N] [PARALLEL]   (after cargo build -p server --bin pgdeck)
# Starts pgdeck in sandbox mode, sends N sign-ins (default 200) with
# PARALLEL at a time (default 64) using hey (Debian's `hey` package), and
# prints pgdeck's resident memory before, at its peak during the burst,
# right after it, and 60 s later.
set -euo pipefail
n=${1:-200}; c=${2:-64}
# hey sends whole rounds of PARALLEL requests: round N up so at least N go.
n=$(( (n + c - 1) / c * c ))
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 2; }
port=${PORT:-3931}
d=$(mktemp -d)
PGDECK_DATA_DIR=$d PGDECK_LISTEN=127.0.0.1:$port "${PGDECK_BIN:-target/debug/pgdeck}" serve --sandbox >"$d/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:$port/healthz >/dev/null 2>&1 && break; sleep 0.2; done
rss() { awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/$pid/status; }
sleep 5
echo "idle RSS: $(rss) MiB ($n sign-ins, $c at a time, follow)"
peak=0
( while kill -0 $pid 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo $peak >"$d/peak"; sleep 0.1; done ) &
mon=$!
# A wrong password for a real member (each costs a full argon2id check) and
# the right one for another, mixed: what a burst from outside looks like.
hey -n "$n" -c "$c" -m POST -T application/x-www-form-urlencoded -H "Origin: http://127.0.0.1:$port" \
  -d 'username=alice&password=sandbox-password' http://127.0.0.1:$port/api/sign_in | grep -E "Requests/sec|Average|Slowest|\[[0-9]{3}\]"
echo "peak RSS during the burst: $(cat "$d/peak" 2>/dev/null || echo 0) MiB"
echo "RSS right after: $(rss) MiB"
sleep "${SETTLE:-60}"
kill $mon 2>/dev/null || true
echo "RSS ${SETTLE:-60} s later: $(rss) MiB"
