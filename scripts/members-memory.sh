#!/usr/bin/env bash
# Server memory with many signed-in members: N sessions (default 200) each
# load the instance list and an instance page, 16 at a time; prints
# pgdeck's resident memory idle, after, and 30 s later.
# Usage: cargo build --release -p server --bin pgdeck && scripts/members-memory.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
d=$(mktemp -d)
PGDECK_DATA_DIR=$d PGDECK_LISTEN=127.0.0.1:$port "${PGDECK_BIN:-target/release/pgdeck}" serve --sandbox >"$d/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$d"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -fsS $base/healthz >/dev/null 2>&1 && break; sleep 0.2; done
rss() { awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/$pid/status; }
sleep 3
echo "idle RSS: $(rss) MiB"
member() {
  local jar="$d/jar$1" who
  who=$(( $1 % 3 )); who=$([ $who -eq 0 ] && echo alice || ([ $who -eq 1 ] && echo bob || echo victor))
  curl -s -H "Origin: $base" -c "$jar" -d "username=$who" -d password=sandbox-password "$base/api/sign_in" -o /dev/null
  local id
  id=$(curl -s -H "Origin: $base" -b "$jar" -X POST "$base/api/list_instances" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["dbInstanceId"])')
  curl -s -b "$jar" "$base/instances" -o /dev/null
  curl -s -b "$jar" "$base/instances/$id/overview" -o /dev/null
}
export -f member; export base d
start=$(date +%s.%N)
seq 1 "$n" | xargs -P 16 -I{} bash -c 'member {}'
echo "$n members signed in and loaded the list and an instance page in $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
echo "RSS after: $(rss) MiB"
sleep 30
echo "RSS 30 s later: $(rss) MiB"
