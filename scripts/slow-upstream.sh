#!/usr/bin/env bash
# Usage: scripts/slow-upstream.sh (after cargo build -p server --bin pgdeck).
# Starts pgdeck in sandbox mode on port 3917, makes upstream answer in 25 s,
# puts one change in flight and times other members signing in meanwhile.
# One change in flight against a 25 s upstream; how long does another member's sign-in take?
set -uo pipefail
d=$(mktemp -d)
PGDECK_DATA_DIR=$d PGDECK_LISTEN=127.0.0.1:3917 "${PGDECK_BIN:-target/debug/pgdeck}" serve --sandbox > $d/log 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:3917/healthz >/dev/null 2>&1 && break; sleep 0.2; done
sb=$(grep -o 'http://127.0.0.1:[0-9]*' $d/log | grep -v 3917 | head -1)
echo "sandbox at $sb"
H=(-H "Origin: http://127.0.0.1:3917")
curl -s "${H[@]}" -c $d/alice -d username=alice -d password=sandbox-password http://127.0.0.1:3917/api/sign_in -o /dev/null
id=$(curl -s "${H[@]}" -b $d/alice -X POST http://127.0.0.1:3917/api/list_instances | python3 -c 'import json,sys; print([i["dbInstanceId"] for i in json.load(sys.stdin) if i["dbInstanceName"]=="staging-db"][0])')
curl -s -X PUT -H 'content-type: application/json' -d '{"latencyMs":25000}' $sb/_sandbox/faults >/dev/null
start=$(date +%s.%N)
curl -s "${H[@]}" -b $d/alice -H 'content-type: application/json' -d "{\"call\":{\"backup_db_instance\":{\"id\":\"$id\",\"body\":{\"backupName\":\"slow\"}}},\"reason\":\"\"}" http://127.0.0.1:3917/api/request_change -o $d/alice.out -w 'alice change: HTTP %{http_code} after %{time_total}s\n' &
cpid=$!
sleep 2
for who in bob carol; do
  curl -s "${H[@]}" -c $d/$who -d username=$who -d password=sandbox-password http://127.0.0.1:3917/api/sign_in -o /dev/null -w "$who sign-in during alice's call: HTTP %{http_code} in %{time_total}s\n"
done
curl -s "${H[@]}" -b $d/bob -X POST http://127.0.0.1:3917/api/my_sessions -o /dev/null -w "bob reads his sessions: HTTP %{http_code} in %{time_total}s\n"
wait $cpid
kill $pid
