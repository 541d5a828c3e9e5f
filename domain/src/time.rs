//! UTC timestamps as stored: RFC 3339 with a `Z`, sortable as text.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Milliseconds since the Unix epoch.
pub fn unix_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Now as `2026-11-30T05:10:00.123Z`.
pub fn now_utc() -> String {
    format_millis(unix_millis())
}

/// Unix milliseconds as `YYYY-MM-DDThh:mm:ss.mmmZ`.
pub fn format_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = rds::datetime::civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z", sod / 3600, sod % 3600 / 60, sod % 60, ms.rem_euclid(1000))
}

/// Reads a stored timestamp back to Unix seconds.
pub fn parse_utc(s: &str) -> Option<i64> {
    rds::datetime::parse_rfc3339_lenient(s)
}
