//! Date-times as upstream sends them.
//!
//! The guide promises `YYYY-MM-DDThh:mm:ss.SSSTZD`, its examples carry no
//! milliseconds, and one example holds a day that does not exist
//! (`2023-02-31`, docs/upstream-api.md #12, #13). A [`Timestamp`] therefore keeps the raw
//! text and parses leniently: a value that cannot be read still displays.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date-time from the API: the raw text, and the instant when it can be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    raw: String,
    unix: Option<i64>,
}

impl Timestamp {
    /// Wraps a raw value, parsing it when possible.
    pub fn new(raw: impl Into<String>) -> Self {
        let raw = raw.into();
        let unix = parse_rfc3339_lenient(&raw);
        Self { raw, unix }
    }

    /// A timestamp for a Unix time, written with the given UTC offset in minutes.
    pub fn from_unix(secs: i64, offset_minutes: i32) -> Self {
        let raw = format_unix(secs, offset_minutes);
        Self { raw, unix: Some(secs) }
    }

    /// The text exactly as upstream sent it.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// Seconds since the Unix epoch, when the text is a real date-time.
    pub fn unix(&self) -> Option<i64> {
        self.unix
    }

    /// A short human form (`2023-02-22 20:47:12 +09:00`), or the raw text.
    pub fn display(&self) -> String {
        if self.unix.is_some() && self.raw.len() >= 19 {
            let (date_time, rest) = self.raw.split_at(19);
            let offset = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit()).to_string();
            format!("{} {}", date_time.replace('T', " "), offset).trim_end().to_string()
        } else {
            self.raw.clone()
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Anything string-like is kept; a number is taken as Unix seconds.
        let v = serde_json::Value::deserialize(d)?;
        Ok(match v {
            serde_json::Value::String(s) => Timestamp::new(s),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(secs) => Timestamp::from_unix(secs, 0),
                None => Timestamp::new(n.to_string()),
            },
            other => Timestamp::new(other.to_string()),
        })
    }
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm)`; a space may stand
/// for the `T`, and a missing offset is read as UTC. Returns `None` for
/// anything that is not a real instant (such as February 31st). The text is
/// split by hand (upstream's lenient forms); the calendar, the clock and
/// the offset are the `time` crate's, which refuses what does not exist.
pub fn parse_rfc3339_lenient(s: &str) -> Option<i64> {
    let s = s.trim();
    // Every form upstream sends is ASCII; checking it first keeps every
    // slice below on a character boundary.
    if s.len() < 19 || !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    if b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(&s[0..4])?, num(&s[5..7])?, num(&s[8..10])?);
    let (h, mi, se) = (num(&s[11..13])?, num(&s[14..16])?, num(&s[17..19])?);
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "" | "Z" | "z" => time::UtcOffset::UTC,
        _ => {
            let sign: i8 = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let body = rest[1..].replace(':', "");
            if body.len() != 4 {
                return None;
            }
            let (oh, om) = (num(&body[0..2])?, num(&body[2..4])?);
            if oh > 23 || om > 59 {
                return None;
            }
            time::UtcOffset::from_hms(sign * oh as i8, sign * om as i8, 0).ok()?
        }
    };
    let month = time::Month::try_from(u8::try_from(mo).ok()?).ok()?;
    let date = time::Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()?;
    // A leap second (`:60`) is the next second.
    let leap = i64::from(se == 60);
    let clock = time::Time::from_hms(u8::try_from(h).ok()?, u8::try_from(mi).ok()?, u8::try_from(se - leap).ok()?).ok()?;
    Some(time::PrimitiveDateTime::new(date, clock).assume_offset(offset).unix_timestamp() + leap)
}

/// Formats Unix seconds as `YYYY-MM-DDThh:mm:ss±hh:mm` in the given offset
/// (an offset beyond ±23:59 is taken as UTC; an instant outside the years
/// 1–9999 is written at the nearest end).
pub fn format_unix(secs: i64, offset_minutes: i32) -> String {
    let offset = time::UtcOffset::from_whole_seconds(offset_minutes.saturating_mul(60)).unwrap_or(time::UtcOffset::UTC);
    // The years 1–9999 in seconds: what `time` can hold in any offset.
    let secs = secs.clamp(-62_135_596_800 + 86_400, 253_402_300_799 - 86_400);
    let utc = time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let t = utc.checked_to_offset(offset).unwrap_or(utc);
    let (sign, off) = if offset.is_negative() { ('-', -offset.whole_minutes()) } else { ('+', offset.whole_minutes()) };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        off / 60,
        off % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_offset_date_time_parses() {
        let t = Timestamp::new("2023-02-22T20:47:12+09:00");
        assert_eq!(t.unix(), Some(1_677_066_432));
    }

    #[test]
    fn milliseconds_are_accepted() {
        let a = parse_rfc3339_lenient("2023-02-22T20:47:12.123+09:00");
        assert_eq!(a, Some(1_677_066_432));
    }

    #[test]
    fn an_impossible_day_keeps_its_raw_text() {
        let t: Timestamp = serde_json::from_str("\"2023-02-31T15:28:17+09:00\"").unwrap();
        assert_eq!(t.unix(), None);
        assert_eq!(t.raw(), "2023-02-31T15:28:17+09:00");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2023-02-31T15:28:17+09:00\"");
    }

    #[test]
    fn formatting_round_trips() {
        let s = format_unix(1_677_066_432, 540);
        assert_eq!(s, "2023-02-22T20:47:12+09:00");
        assert_eq!(parse_rfc3339_lenient(&s), Some(1_677_066_432));
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "x",
            "2023-13-01T00:00:00Z",
            "2023-01-01T00:00:00+9",
            "２０２３-01-01T00:00:00Z",
            "2026-12-01T00:00:00+1é2",
            "2026-12-01T00:00:00.é",
        ] {
            assert_eq!(parse_rfc3339_lenient(s), None, "{s}");
        }
    }
}
