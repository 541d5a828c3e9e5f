//! Embeds the browser bundle (built to `target/site/pkg` by
//! `scripts/build-site.sh`) so the binary runs from any directory.
//! Without a bundle the server still builds (for `cargo test`/`clippy`) and
//! pages render without hydration; a warning says so.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let site = std::env::var("PGDECK_SITE_DIR").map(PathBuf::from).unwrap_or_else(|_| manifest.join("../target/site/pkg"));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-env-changed=PGDECK_SITE_DIR");
    let mut missing = Vec::new();
    for name in ["pgdeck.js", "pgdeck_bg.wasm"] {
        let src = site.join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let dst = out.join(name);
        if std::fs::copy(&src, &dst).is_err() {
            missing.push(name);
            let _ = std::fs::write(&dst, b"");
        }
    }
    if !missing.is_empty() {
        println!(
            "cargo:warning=browser bundle not found in {} ({}): pages will not hydrate; run scripts/build-site.sh first",
            site.display(),
            missing.join(", ")
        );
    }
}
