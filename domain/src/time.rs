//! UTC timestamps as stored: RFC 3339 with a `Z` and milliseconds, sortable
//! as text. Written with the `time` crate; read back with the lenient
//! reader upstream's date-times need (`rds::datetime`, ASCII-checked and
//! property-tested so that no text can make it panic).

use std::time::{SystemTime, UNIX_EPOCH};
use time::OffsetDateTime;

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

/// Unix milliseconds as `YYYY-MM-DDThh:mm:ss.mmmZ` (clamped to the years
/// 0001–9999, which every stored time is within).
pub fn format_millis(ms: i64) -> String {
    let nanos = i128::from(ms) * 1_000_000;
    let t = OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(if ms < 0 {
        time::macros::datetime!(0001-01-01 0:00 UTC)
    } else {
        time::macros::datetime!(9999-12-31 23:59:59.999 UTC)
    });
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Reads a stored timestamp back to Unix seconds.
pub fn parse_utc(s: &str) -> Option<i64> {
    rds::datetime::parse_rfc3339_lenient(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_sort_as_text_and_read_back() {
        let a = format_millis(1_677_066_432_123);
        assert_eq!(a, "2023-02-22T11:47:12.123Z");
        assert_eq!(parse_utc(&a), Some(1_677_066_432));
        assert!(format_millis(0) < format_millis(1) && format_millis(1) < format_millis(86_400_000));
        assert_eq!(format_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_millis(i64::MAX), "9999-12-31T23:59:59.999Z");
    }
}
