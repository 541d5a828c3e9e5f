#!/usr/bin/env bash
# The vendored tachys (vendor/README.md) is the crate as published plus
# vendor/tachys.patch, and nothing else.
#
#   scripts/vendor-tachys.sh          re-creates vendor/tachys from the
#                                     registry's crate and the patch
#   scripts/vendor-tachys.sh --check  fails when vendor/tachys is not that,
#                                     when the patch no longer applies, or
#                                     when the build does not use the
#                                     vendored copy (Cargo's "patch not used"
#                                     after an update, which silently builds
#                                     the unpatched crate)
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.2.19
check=${1:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The published crate, from Cargo's own download (the registry only).
cat >"$work/Cargo.toml" <<EOF
[package]
name = "fetch-tachys"
version = "0.0.0"
edition = "2021"
[dependencies]
tachys = "=$version"
EOF
mkdir -p "$work/src" && touch "$work/src/lib.rs"
cargo fetch --manifest-path "$work/Cargo.toml" --quiet
home=${CARGO_HOME:-$HOME/.cargo}
crate=$(ls "$home"/registry/cache/*/tachys-$version.crate | head -1)
mkdir -p "$work/pristine"
tar -xzf "$crate" -C "$work/pristine"
fresh="$work/pristine/tachys-$version"
# What packaging adds and the build does not use.
rm -f "$fresh/.cargo_vcs_info.json" "$fresh/Cargo.toml.orig"
(cd "$fresh" && patch -p1 --quiet --forward <"$OLDPWD/vendor/tachys.patch") || {
  echo "vendor/tachys.patch does not apply to tachys $version" >&2
  exit 1
}

if [ "$check" != "--check" ]; then
  rm -rf vendor/tachys
  cp -r "$fresh" vendor/tachys
  echo "vendor/tachys re-created: tachys $version + vendor/tachys.patch"
  exit 0
fi

if ! diff -r -q "$fresh" vendor/tachys >"$work/diff"; then
  cat "$work/diff" >&2
  echo "vendor/tachys is not tachys $version + vendor/tachys.patch: run scripts/vendor-tachys.sh" >&2
  exit 1
fi
# The build resolves tachys to the vendored copy, at the pinned version.
resolved=$(cargo tree --locked -i tachys --depth 0 2>&1 | head -1)
if [ "$resolved" != "tachys v$version ($PWD/vendor/tachys)" ]; then
  echo "the build does not use the vendored tachys $version: it resolves \"$resolved\"" >&2
  exit 1
fi
echo "tachys $version: the vendored copy is the published crate + vendor/tachys.patch, and the build uses it"
