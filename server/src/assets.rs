//! Static assets compiled into the binary, served as a browser wants them.
//!
//! Every file is embedded raw and, when `scripts/build-site.sh` made them,
//! brotli- and gzip-compressed; a request gets the smallest form its
//! `Accept-Encoding` allows (`Vary: Accept-Encoding`). The files live under
//! `/pkg/{BUNDLE_HASH}/`, an address that changes whenever any of them does,
//! so they are served `immutable` for a year: a browser fetches the bundle
//! once per pgdeck version and never revalidates it. The page HTML stays
//! `no-cache`, so an upgrade is picked up on the next page load.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One embedded file: its bytes, its compressed forms when the site build
/// made them, and its validator.
pub struct Asset {
    pub name: &'static str,
    pub raw: &'static [u8],
    pub br: Option<&'static [u8]>,
    pub gz: Option<&'static [u8]>,
    pub tag: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// Where the assets are served: `pkg/{BUNDLE_HASH}` (Leptos' `site_pkg_dir`).
pub fn pkg_dir() -> String {
    format!("pkg/{BUNDLE_HASH}")
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The encodings a request accepts, as (brotli, gzip).
fn accepted(headers: &HeaderMap) -> (bool, bool) {
    let mut br = false;
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()) {
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().map(|q| q <= 0.0).unwrap_or(false))
            });
            if refused {
                continue;
            }
            match coding.as_str() {
                "br" => br = true,
                "gzip" | "x-gzip" => gzip = true,
                "*" => {
                    br = true;
                    gzip = true;
                }
                _ => {}
            }
        }
    }
    (br, gzip)
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        // A page's chunks in one file (scripts/pack-pages.js).
        Some("bin") => "application/octet-stream",
        _ => "application/json",
    }
}

/// One embedded file, in the best form the request accepts.
pub fn file(name: &str, headers: &HeaderMap, cache: &'static str) -> Response {
    let Some(Asset { raw, br, gz, tag, .. }) = FILES.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (take_br, take_gz) = accepted(headers);
    let (body, encoding): (&'static [u8], Option<&str>) = match (br, gz) {
        (Some(b), _) if take_br => (b, Some("br")),
        (_, Some(g)) if take_gz => (g, Some("gzip")),
        _ => (raw, None),
    };
    let etag = match encoding {
        Some(e) => format!("{}-{e}\"", tag.trim_end_matches('"')),
        None => (*tag).to_string(),
    };
    let mut h = HeaderMap::new();
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, h).into_response();
    }
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(if e == "br" { "br" } else { "gzip" }));
    }
    (h, body).into_response()
}

/// `GET /pkg/{hash}/{file}`: the bundle of this build, cached for good. A
/// request for another build's hash (a page open across an upgrade) gets
/// the current file, revalidated.
pub async fn pkg_versioned(Path((hash, name)): Path<(String, String)>, headers: HeaderMap) -> Response {
    file(&name, &headers, if hash == BUNDLE_HASH { IMMUTABLE } else { "no-cache" })
}

/// `GET /pkg/{file}` and `/style/main.css`: the unversioned addresses, revalidated.
pub async fn pkg(Path(name): Path<String>, headers: HeaderMap) -> Response {
    file(&name, &headers, "no-cache")
}

/// `GET /style/main.css`.
pub async fn css(headers: HeaderMap) -> Response {
    file("main.css", &headers, "no-cache")
}

/// Whether the browser bundle was embedded at build time.
pub fn bundle_present() -> bool {
    ["pgdeck.js", "pgdeck_bg.wasm"].iter().all(|wanted| FILES.iter().any(|a| a.name == *wanted && !a.raw.is_empty()))
}

/// Whether the bundle's compressed forms were embedded.
pub fn compressed_present() -> bool {
    FILES.iter().filter(|a| a.name.ends_with(".wasm")).all(|a| a.br.is_some() && a.gz.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept).unwrap());
        h
    }

    #[test]
    fn accept_encoding_is_read_as_browsers_send_it() {
        assert_eq!(accepted(&with("gzip, deflate, br, zstd")), (true, true));
        assert_eq!(accepted(&with("gzip")), (false, true));
        assert_eq!(accepted(&with("br;q=0, gzip;q=0.5")), (false, true));
        assert_eq!(accepted(&with("identity")), (false, false));
        assert_eq!(accepted(&with("*")), (true, true));
        assert_eq!(accepted(&HeaderMap::new()), (false, false));
    }
}
