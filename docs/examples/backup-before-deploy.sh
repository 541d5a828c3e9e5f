#!/bin/sh
# A CI step: take a backup of the master of $INSTANCE through pgdeck, wait
# for it, and fail the pipeline if it fails. Needs curl and jq, and a
# pgdeck API token with the change scope in $PGDECK_TOKEN.
set -eu
api="$PGDECK_URL/api/v1"
auth="Authorization: Bearer $PGDECK_TOKEN"
instance=$(curl -fsS -H "$auth" "$api/instances" \
  | jq -er --arg name "$INSTANCE" 'first(.[] | select(.name == $name and .role == "MASTER") | .id)')
job=$(curl -fsS -H "$auth" -H 'Content-Type: application/json' "$api/changes" \
  -d "$(jq -n --arg id "$instance" --arg name "$BACKUP_NAME" '{call: {backup_db_instance: {id: $id, body: {backupName: $name}}}}')" \
  | jq -er '.job_id // error("the backup did not start (it waits for approval?)")')
for _ in $(seq 1 60); do
  # Waits up to a minute for the job's end before answering.
  state=$(curl -fsS -H "$auth" "$api/jobs/$job?wait=60")
  if [ "$(echo "$state" | jq .finished)" = true ]; then
    if echo "$state" | jq -e .succeeded >/dev/null; then
      echo "backup $BACKUP_NAME done"
      exit 0
    fi
    echo "backup failed: $state" >&2
    exit 1
  fi
done
echo "backup still running after an hour" >&2
exit 1
