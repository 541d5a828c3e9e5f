#!/usr/bin/env bash
# The README's run command: installs what is missing, builds pgdeck in
# release mode, and starts it in sandbox mode.
#   PGDECK_LISTEN (default 127.0.0.1:3000) and PGDECK_DATA_DIR (default ./data)
#   are honoured, like every other setting.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-site.sh release
cargo build --locked --release -p server --bin pgdeck
exec target/release/pgdeck serve --sandbox "$@"
