//! Static assets compiled into the binary.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));
const CSS: &str = include_str!("../../style/main.css");

/// A weak validator per asset, so browsers revalidate cheaply after an upgrade.
fn etag(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{h:016x}-{}\"", env!("CARGO_PKG_VERSION"))
}

fn serve(bytes: &'static [u8], tag: String, content_type: &'static str, if_none_match: Option<&HeaderValue>) -> Response {
    if if_none_match.and_then(|v| v.to_str().ok()) == Some(tag.as_str()) {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CACHE_CONTROL, "no-cache".to_string()), (header::ETAG, tag)], bytes)
        .into_response()
}

/// `GET /pkg/{file}`: the hydration script, the main module, the page
/// chunks and their loader.
pub async fn pkg(Path(file): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let Some((_, bytes, tag)) = FILES.iter().find(|(name, _, _)| *name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let content_type = match file.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/json",
    };
    serve(bytes, (*tag).to_string(), content_type, headers.get(header::IF_NONE_MATCH))
}

/// `GET /style/main.css`.
pub async fn css(headers: axum::http::HeaderMap) -> Response {
    serve(CSS.as_bytes(), etag(CSS.as_bytes()), "text/css; charset=utf-8", headers.get(header::IF_NONE_MATCH))
}

/// Whether the browser bundle was embedded at build time.
pub fn bundle_present() -> bool {
    ["pgdeck.js", "pgdeck_bg.wasm"].iter().all(|wanted| FILES.iter().any(|(name, bytes, _)| name == wanted && !bytes.is_empty()))
}
