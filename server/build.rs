//! Embeds the browser bundle (built to `target/site/pkg` by
//! `scripts/build-site.sh`: the hydration script, the main WASM module, the
//! page chunks and their loader) so the binary runs from any directory.
//! Without a bundle the server still builds (for `cargo test`/`clippy`) and
//! pages render without hydration; a warning says so.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let site = std::env::var("PGDECK_SITE_DIR").map(PathBuf::from).unwrap_or_else(|_| manifest.join("../target/site/pkg"));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-env-changed=PGDECK_SITE_DIR");
    println!("cargo:rerun-if-changed={}", site.display());
    let mut names: Vec<String> = std::fs::read_dir(&site)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".js") || n.ends_with(".wasm") || n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut table = String::from("/// Every file of the browser bundle, by name.\npub static FILES: &[(&str, &[u8], &str)] = &[\n");
    for name in &names {
        let src = site.join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let dst = out.join("pkg").join(name);
        std::fs::create_dir_all(dst.parent().expect("a parent")).expect("OUT_DIR is writable");
        std::fs::copy(&src, &dst).expect("the bundle file is readable");
        let bytes = std::fs::read(&dst).expect("the bundle file is readable");
        let tag = format!("\"{:016x}-{}\"", fnv(&bytes), std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
        let _ = writeln!(table, "    ({name:?}, include_bytes!({:?}), {tag:?}),", dst.display().to_string());
    }
    table.push_str("];\n");
    std::fs::write(out.join("bundle.rs"), table).expect("OUT_DIR is writable");
    if !names.iter().any(|n| n == "pgdeck.js") || !names.iter().any(|n| n == "pgdeck_bg.wasm") {
        println!("cargo:warning=browser bundle not found in {}: pages will not hydrate; run scripts/build-site.sh first", site.display());
    }
}

/// A weak validator per file, so browsers revalidate cheaply after an upgrade.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
