//! Embeds the browser bundle (built to `target/site/pkg` by
//! `scripts/build-site.sh`: the hydration script, the main WASM module, the
//! page chunks and their loader) and the style sheet, each with the brotli
//! and gzip forms the script made beside it, so the binary runs from any
//! directory and serves what each browser accepts. Without a bundle the
//! server still builds (for `cargo test`/`clippy`) and pages render without
//! hydration; a warning says so.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let site_root = manifest.join("../target/site");
    let site = std::env::var("PGDECK_SITE_DIR").map(PathBuf::from).unwrap_or_else(|_| site_root.join("pkg"));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-env-changed=PGDECK_SITE_DIR");
    println!("cargo:rerun-if-changed={}", site.display());
    let css_src = manifest.join("../style/main.css");
    println!("cargo:rerun-if-changed={}", css_src.display());
    let mut names: Vec<String> = std::fs::read_dir(&site)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| [".js", ".wasm", ".json", ".bin"].iter().any(|ext| n.ends_with(ext)))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let pkg_out = out.join("pkg");
    std::fs::create_dir_all(&pkg_out).expect("OUT_DIR is writable");
    let mut table = String::from("/// Every file of the browser bundle and the style sheet.\npub static FILES: &[Asset] = &[\n");
    let mut bundle_hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |name: &str, src: &Path, compressed_beside: Option<&Path>| {
        println!("cargo:rerun-if-changed={}", src.display());
        let bytes = std::fs::read(src).expect("the bundle file is readable");
        let dst = pkg_out.join(name);
        std::fs::write(&dst, &bytes).expect("OUT_DIR is writable");
        let h = fnv(&bytes);
        bundle_hash = (bundle_hash ^ h).wrapping_mul(0x0100_0000_01b3);
        let tag = format!("\"{h:016x}\"");
        let mut forms = Vec::new();
        for ext in ["br", "gz"] {
            // A compressed form is used only when it was made from exactly
            // these bytes (the copy beside it matches) and is not older.
            let form = compressed_beside.map(|base| PathBuf::from(format!("{}.{ext}", base.display())));
            let fresh = form.as_ref().is_some_and(|f| {
                println!("cargo:rerun-if-changed={}", f.display());
                let same_source = compressed_beside.and_then(|b| std::fs::read(b).ok()).is_some_and(|b| b == bytes);
                let newer = modified(f).zip(compressed_beside.and_then(modified)).is_some_and(|(c, r)| c >= r);
                same_source && newer
            });
            match (fresh, form) {
                (true, Some(f)) => {
                    let d = pkg_out.join(format!("{name}.{ext}"));
                    std::fs::copy(&f, &d).expect("the compressed file is readable");
                    forms.push(format!("Some(include_bytes!({:?}))", d.display().to_string()));
                }
                _ => forms.push("None".into()),
            }
        }
        let _ = writeln!(
            table,
            "    Asset {{ name: {name:?}, raw: include_bytes!({:?}), br: {}, gz: {}, tag: {tag:?} }},",
            dst.display().to_string(),
            forms[0],
            forms[1]
        );
    };
    for name in &names {
        let src = site.join(name);
        add(name, &src, Some(&src));
    }
    // The site's minified style sheet while it was made from the current
    // source (scripts/build-site.sh keeps that source beside it); the
    // source itself otherwise (a style sheet edited since).
    let site_css = site_root.join("style/main.css");
    let made_from = site_root.join("style/main.source");
    println!("cargo:rerun-if-changed={}", made_from.display());
    let current = std::fs::read(&made_from).ok().zip(std::fs::read(&css_src).ok()).is_some_and(|(a, b)| a == b) && site_css.exists();
    if current {
        add("main.css", &site_css, Some(&site_css));
    } else {
        add("main.css", &css_src, Some(&site_css));
    }
    table.push_str("];\n");
    let _ = writeln!(
        table,
        "/// Changes whenever any embedded file changes: the assets' address carries it.\npub const BUNDLE_HASH: &str = \"{:016x}\";",
        bundle_hash
    );
    std::fs::write(out.join("bundle.rs"), table).expect("OUT_DIR is writable");
    if !names.iter().any(|n| n == "pgdeck.js") || !names.iter().any(|n| n == "pgdeck_bg.wasm") {
        println!("cargo:warning=browser bundle not found in {}: pages will not hydrate; run scripts/build-site.sh first", site.display());
    }
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// A 64-bit FNV-1a hash: the validator of a file and, combined, the bundle's.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
