#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every check
# CI runs: formatting, clippy, the Rust tests, and the Playwright suite in
# Chromium against a pgdeck in sandbox mode started here on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
start=$(date +%s)

# A fresh clone builds everything once, so cargo's incremental caches would
# only add several GiB to the disk a run takes. Set CARGO_INCREMENTAL=1 to
# keep them across runs of this script on a working copy.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# A cold run writes several GiB under target/ (need_gib); a full disk shows up as
# a linker crash ("Bus error"), so say so first.
need_gib=4
free_gib=$(df -Pk . | awk 'NR==2 {print int($4 / 1048576)}')
if [ "$free_gib" -lt "$need_gib" ]; then
  printf 'warning: %s GiB free here; a cold build and test run needs about %s GiB\n' "$free_gib" "$need_gib" >&2
fi

scripts/setup.sh --test

say "browser bundle"
scripts/build-site.sh release

say "vendored tachys = published crate + patch, and used by the build"
scripts/vendor-tachys.sh --check

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings

say "cargo test"
cargo test --locked --workspace

say "pgdeck for the browser tests"
cargo build --locked -p server --bin pgdeck
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
log="$data/pgdeck.log"
PGDECK_DATA_DIR="$data" PGDECK_LISTEN="127.0.0.1:$port" PGDECK_SANDBOX_JOB_SECONDS=1 \
  target/debug/pgdeck serve --sandbox >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" ${sso_pids:-} 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data" ${sso_data:-}
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "pgdeck did not start"; exit 1; }
  sleep 0.2
done

# The built-in emulator's own address, for the tests that inject faults.
sandbox=$(grep -o 'base=http://127.0.0.1:[0-9]*' "$log" | head -1 | cut -d= -f2)

# A real OpenID provider, and a second pgdeck that signs members in through it.
. scripts/sso-e2e.sh

say "Playwright (Chromium) against http://127.0.0.1:$port"
if ! (cd end2end && PGDECK_URL="http://127.0.0.1:$port" PGDECK_SANDBOX_URL="$sandbox" PGDECK_SSO_URL="$sso_url" CI=1 npx playwright test); then
  echo "--- pgdeck log ---"; tail -n 100 "$log"; exit 1
fi

say "all checks passed in $(( $(date +%s) - start ))s"
say "target/ holds $(du -sh target | cut -f1)"
