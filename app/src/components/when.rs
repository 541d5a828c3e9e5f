//! Times, written one way on every page: in the member's zone, the zone
//! named ("2026-12-05 16:32 UTC+09:00"), UTC on hover.
//!
//! The member's zone comes from the `pgdeck_tz` cookie the page sets from
//! the browser's clock, read the same way on the server and in the
//! browser, so what the server renders is what the browser hydrates. Until
//! the browser has said, times are in NHN Cloud's zone (UTC+09:00), the
//! console's.

use leptos::prelude::*;
use rds::Timestamp;

/// The cookie the page sets: the browser's offset from UTC, in minutes.
pub const COOKIE: &str = "pgdeck_tz";
/// NHN Cloud's zone (and its console's), until the browser has said its own.
pub const DEFAULT_ZONE: i32 = 540;

/// The member's zone for this page, in minutes east of UTC.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zone(pub i32);

/// Reads the member's zone for the page being rendered.
pub fn provide_zone() {
    provide_context(Zone(read_cookie().unwrap_or(DEFAULT_ZONE)));
}

/// The member's zone (minutes east of UTC).
pub fn zone() -> i32 {
    use_context::<Zone>().map_or(DEFAULT_ZONE, |z| z.0)
}

/// The zone's offset from a `Cookie` header's text.
pub fn from_cookies(header: &str) -> Option<i32> {
    header
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        .filter(|m| (-14 * 60..=14 * 60).contains(m))
}

fn read_cookie() -> Option<i32> {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<axum::http::request::Parts>()?;
        let header = parts.headers.get(axum::http::header::COOKIE)?.to_str().ok()?;
        from_cookies(header)
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
        from_cookies(&doc.cookie().ok()?)
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    None
}

/// The script (run before the page, with the page's nonce) that tells the
/// server the browser's zone for the next pages.
pub const SET_COOKIE_SCRIPT: &str =
    "document.cookie='pgdeck_tz='+(-new Date().getTimezoneOffset())+';path=/;max-age=31536000;samesite=lax'";

/// `2026-12-05 16:32 UTC+09:00`: a moment in `zone`, to the minute.
pub fn written(unix: i64, zone: i32) -> String {
    let t = rds::datetime::format_unix(unix, zone);
    let offset = if zone == 0 { String::new() } else { t[19..].to_string() };
    format!("{} UTC{offset}", t[..16].replace('T', " "))
}

/// `2026-12-05 07:32:10 UTC`, for the hover text.
pub fn in_utc(unix: i64) -> String {
    format!("{} UTC", &rds::datetime::format_unix(unix, 0)[..19].replace('T', " "))
}

/// A time upstream wrote (its own offset), shown the one way.
#[component]
pub fn When(#[prop(into)] t: Option<Timestamp>) -> impl IntoView {
    match t.as_ref().and_then(|t| t.unix().map(|u| (t.raw().to_string(), u))) {
        Some((raw, unix)) => view! { <time datetime=raw title=in_utc(unix)>{written(unix, zone())}</time> }.into_any(),
        None => view! { <span>{t.map(|t| t.raw().to_string()).unwrap_or_else(|| "—".into())}</span> }.into_any(),
    }
}

/// A time pgdeck wrote, as text in the member's zone (for a sentence that
/// says it); as written when it cannot be read.
pub fn written_utc(at: &str) -> String {
    rds::datetime::parse_rfc3339_lenient(at).map_or_else(|| at.to_string(), |unix| written(unix, zone()))
}

/// A time pgdeck wrote (RFC 3339 in UTC: audit rows, jobs, approvals),
/// shown the one way.
#[component]
pub fn WhenUtc(#[prop(into)] at: String) -> impl IntoView {
    match rds::datetime::parse_rfc3339_lenient(&at) {
        Some(unix) => view! { <time datetime=at title=in_utc(unix)>{written(unix, zone())}</time> }.into_any(),
        None => view! { <span>{if at.is_empty() { "—".to_string() } else { at }}</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_written_in_the_zone_with_the_zone_named() {
        // 2026-12-05T07:32:10Z
        let t = 1_796_455_930;
        assert_eq!(in_utc(t), "2026-12-05 07:32:10 UTC");
        assert_eq!(written(t, 540), "2026-12-05 16:32 UTC+09:00");
        assert_eq!(written(t, -300), "2026-12-05 02:32 UTC-05:00");
        assert_eq!(written(t, 0), "2026-12-05 07:32 UTC");
    }

    #[test]
    fn the_zone_is_read_from_the_cookie() {
        assert_eq!(from_cookies("a=1; pgdeck_tz=540; b=2"), Some(540));
        assert_eq!(from_cookies("pgdeck_tz=-300"), Some(-300));
        assert_eq!(from_cookies("pgdeck_tz=99999"), None);
        assert_eq!(from_cookies("pgdeck_tz=x"), None);
        assert_eq!(from_cookies("other=1"), None);
    }
}
