//! Values checked against every limit the guide states.
//!
//! Each constructor fails with a [`ValidationError`] naming the wire field and
//! the reason, so a form can show the message next to the field. Request
//! types implement [`Validate`], used by the client before a call leaves and by
//! the sandbox when a call arrives.

use crate::enums::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A value outside the limits of the API.
///
/// Written out (and so kept in the audit log) as the field, the English
/// reason and the code: `storage.storageSize: must be between 20 and 2048,
/// got 10 [refusal-range]`, the same whatever the member's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationError {
    /// The field as named on the wire (`storage.storageSize`).
    pub field: String,
    /// Why the value is refused, in English words (what the audit log keeps).
    pub reason: String,
    /// The refusal as a code and its values, so a page can word it in the
    /// member's language (`range` with 20, 2048, 10). `None`: the English
    /// words are all there is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Refusal>,
}

/// A refusal's code and the values its words quote, in order. The codes
/// are the `refusal-<code>` messages of pgdeck's message files
/// (`lang/locales/*/refusals.ftl`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub code: String,
    pub args: Vec<String>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)?;
        if let Some(r) = &self.code {
            write!(f, " [refusal-{}]", r.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

impl ValidationError {
    /// A refusal of `field` for `reason`, in English only.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into(), code: None }
    }

    /// A refusal of `field` with its code and values, and its English words.
    pub fn coded(field: impl Into<String>, code: &str, args: Vec<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into(), code: Some(Refusal { code: code.to_string(), args }) }
    }

    /// `field` is required and missing.
    pub fn required(field: impl Into<String>) -> Self {
        Self::coded(field, "required", vec![], "is required")
    }

    /// The same refusal under a parent field (`backup` + `backupPeriod`).
    pub fn within(mut self, parent: &str) -> Self {
        self.field = format!("{parent}.{}", self.field);
        self
    }
}

/// A request body that can check itself against the guide's limits.
pub trait Validate {
    /// The first limit broken, if any.
    fn validate(&self) -> Result<(), ValidationError>;
}

/// `got` is not a date-time (`from`, `to` of a query).
pub fn not_date_time(field: &str, got: &str) -> ValidationError {
    ValidationError::coded(field, "date-time", vec![format!("{got:?}")], format!("must be a date-time, got {got:?}"))
}

/// Checks `min <= value <= max`.
pub fn range<T: PartialOrd + fmt::Display + Copy>(field: &str, value: T, min: T, max: T) -> Result<T, ValidationError> {
    if value < min || value > max {
        Err(ValidationError::coded(
            field,
            "range",
            vec![min.to_string(), max.to_string(), value.to_string()],
            format!("must be between {min} and {max}, got {value}"),
        ))
    } else {
        Ok(value)
    }
}

/// Checks an identifier that goes into a request path: 1–100 letters,
/// digits, `-` or `_` (NHN Cloud's ids are UUIDs). Anything else — `.` and
/// `..`, which a URL resolves to another path, `/`, `%`, spaces — could
/// make a call land on another endpoint, so it never leaves pgdeck.
pub fn path_id(field: &str, value: &str) -> Result<(), ValidationError> {
    let ok = !value.is_empty() && value.len() <= 100 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ValidationError::coded(field, "path-id", vec![], "must be an id of 1 to 100 letters, digits, '-' or '_'"))
    }
}

/// Checks a resource's name as NHN Cloud's guides define it: 1–100
/// characters, the first a letter, the rest letters, digits, `-`, `_`
/// (and `.` where `dots` — instance, DB security group and parameter group
/// names; backup names take no dot).
pub fn resource_name(field: &str, value: &str, dots: bool) -> Result<(), ValidationError> {
    length(field, value, 1, 100)?;
    let mut chars = value.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (dots && c == '.'));
    if first_ok && rest_ok {
        Ok(())
    } else if !first_ok {
        Err(ValidationError::coded(field, "start-letter", vec![], "must start with a letter (a–z, A–Z)"))
    } else if dots {
        Err(ValidationError::coded(field, "name-chars-dots", vec![], "may hold only letters, digits, '-', '_' and '.'"))
    } else {
        Err(ValidationError::coded(field, "name-chars", vec![], "may hold only letters, digits, '-' and '_'"))
    }
}

/// Checks an object-storage path as the backup guide defines it: at most
/// 1024 bytes, each folder at most 255 bytes and not `.` or `..`, and none
/// of `'`, `"`, `<`, `>`, `;` or spaces.
pub fn object_path(field: &str, value: &str) -> Result<(), ValidationError> {
    if value.is_empty() || value.len() > 1024 {
        return Err(ValidationError::coded(
            field,
            "bytes-length",
            vec![value.len().to_string()],
            format!("must be 1 to 1024 bytes long, got {}", value.len()),
        ));
    }
    if let Some(c) = value.chars().find(|c| matches!(c, '\'' | '"' | '<' | '>' | ';') || c.is_whitespace() || c.is_control()) {
        return Err(ValidationError::coded(field, "not-contain", vec![format!("{c:?}")], format!("must not contain {c:?}")));
    }
    for folder in value.split('/') {
        if folder == "." || folder == ".." {
            return Err(ValidationError::coded(field, "dot-folder", vec![], "must not contain a '.' or '..' folder"));
        }
        if folder.len() > 255 {
            return Err(ValidationError::coded(field, "folder-length", vec![], "each folder name is at most 255 bytes"));
        }
    }
    Ok(())
}

/// Checks a length in characters.
pub fn length(field: &str, value: &str, min: usize, max: usize) -> Result<(), ValidationError> {
    let n = value.chars().count();
    if n < min || n > max {
        if min == max {
            Err(ValidationError::coded(
                field,
                "length-exact",
                vec![min.to_string(), n.to_string()],
                format!("must be {min} characters long, got {n}"),
            ))
        } else {
            Err(ValidationError::coded(
                field,
                "length",
                vec![min.to_string(), max.to_string(), n.to_string()],
                format!("must be {min} to {max} characters long, got {n}"),
            ))
        }
    } else {
        Ok(())
    }
}

/// The longest description pgdeck sends. The guide states no limit for
/// the descriptions of instances, security groups, their rules and
/// parameter groups; the console refuses longer ones (docs/upstream-api.md).
pub const DESCRIPTION_MAX: usize = 255;

/// Checks an optional description against [`DESCRIPTION_MAX`].
pub fn description(field: &str, value: &Option<String>) -> Result<(), ValidationError> {
    match value {
        Some(v) => length(field, v, 0, DESCRIPTION_MAX),
        None => Ok(()),
    }
}

/// Checks that a required text is not blank.
pub fn required(field: &str, value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::required(field))
    } else {
        Ok(())
    }
}

/// Checks that an enum value is one the guide documents.
pub fn known<T>(field: &str, value: &T, is_known: bool, choices: &[&str]) -> Result<(), ValidationError>
where
    T: fmt::Display,
{
    if is_known {
        Ok(())
    } else {
        let choices = choices.join(", ");
        Err(ValidationError::coded(
            field,
            "one-of",
            vec![choices.clone(), value.to_string()],
            format!("must be one of {choices}, got {value}"),
        ))
    }
}

macro_rules! known_enum {
    ($field:expr, $value:expr, $ty:ty) => {
        $crate::validate::known($field, $value, $value.is_known(), &<$ty>::KNOWN.iter().map(|v| v.as_str()).collect::<Vec<_>>())
    };
}
pub(crate) use known_enum;

macro_rules! bounded {
    ($(#[$meta:meta])* $name:ident($t:ty), $field:literal, $min:expr, $max:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name($t);

        impl $name {
            /// Lowest value the API accepts.
            pub const MIN: $t = $min;
            /// Highest value the API accepts.
            pub const MAX: $t = $max;

            /// Checks the value against the guide's limits.
            pub fn new(v: $t) -> Result<Self, ValidationError> {
                range($field, v, Self::MIN, Self::MAX).map(Self)
            }

            /// The value.
            pub fn get(self) -> $t {
                self.0
            }
        }
    };
}

bounded!(
    /// A DB port, 5432–45432 as the Korean and Japanese guides state (the
    /// English one says 0–65535; docs/upstream-api.md), the same for
    /// create, restore, replicas and modify.
    Port(u32), "dbPort", 5_432, 45_432
);
bounded!(
    /// Data storage size in GB, 20–2048.
    StorageSize(u32), "storageSize", 20, 2048
);
bounded!(
    /// Days backups are kept, 0–730.
    BackupPeriod(u32), "backupPeriod", 0, 730
);
bounded!(
    /// Backup retries, 0–10.
    BackupRetryCount(u32), "backupRetryCount", 0, 10
);
bounded!(
    /// HA ping interval in seconds, 1–600.
    PingInterval(u32), "pingInterval", 1, 600
);
bounded!(
    /// Failover wait for replication delay in seconds; -1 waits indefinitely.
    FailoverReplWaitingTime(i64), "failoverReplWaitingTime", -1, i64::MAX
);
bounded!(
    /// A page number, from 1.
    Page(u32), "page", 1, u32::MAX
);
bounded!(
    /// A page size, 1–100.
    PageSize(u32), "size", 1, 100
);

impl StorageSize {
    /// A new size for an existing instance: within limits and never smaller
    /// than the current size.
    pub fn grow(current: u32, new: u32) -> Result<Self, ValidationError> {
        let v = Self::new(new)?;
        if new < current {
            return Err(ValidationError::coded(
                "storageSize",
                "shrink",
                vec![current.to_string(), new.to_string()],
                format!("cannot shrink: the instance already has {current} GB, got {new}"),
            ));
        }
        Ok(v)
    }
}

/// Checks the password of the first DB user on create: 4–16 characters.
pub fn create_db_password(field: &str, s: &str) -> Result<(), ValidationError> {
    length(field, s, 4, 16)
}

/// Checks a DB user name or password: 1–32 characters.
pub fn db_user_text(field: &str, s: &str) -> Result<(), ValidationError> {
    length(field, s, 1, 32)
}

/// Checks a time of day `hh:mm:ss` (backup and maintenance windows).
pub fn time_of_day(field: &str, s: &str) -> Result<(), ValidationError> {
    let parts: Vec<&str> = s.split(':').collect();
    let ok = parts.len() == 3
        && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].parse::<u32>().is_ok_and(|h| h < 24)
        && parts[1].parse::<u32>().is_ok_and(|m| m < 60)
        && parts[2].parse::<u32>().is_ok_and(|s| s < 60);
    if ok {
        Ok(())
    } else {
        Err(ValidationError::coded(field, "time-of-day", vec![s.to_string()], format!("must be a time of day as hh:mm:ss, got {s:?}")))
    }
}

/// Checks a window length against the six documented durations.
pub fn window_duration(field: &str, d: &WindowDuration) -> Result<(), ValidationError> {
    known_enum!(field, d, WindowDuration)
}

/// Checks an IPv4 or IPv6 CIDR such as `10.0.0.0/8`.
pub fn cidr(field: &str, s: &str, ether: &EtherType) -> Result<(), ValidationError> {
    let Some((addr, bits)) = s.split_once('/') else {
        return Err(ValidationError::coded(field, "cidr", vec![s.to_string()], format!("must be a CIDR such as 10.0.0.0/8, got {s:?}")));
    };
    let bits: u32 = bits.parse().map_err(|_| {
        ValidationError::coded(field, "prefix-number", vec![format!("{bits:?}")], format!("prefix length must be a number, got {bits:?}"))
    })?;
    match ether {
        EtherType::Ipv6 => {
            if addr.parse::<std::net::Ipv6Addr>().is_err() || bits > 128 {
                return Err(ValidationError::coded(field, "cidr-v6", vec![format!("{s:?}")], format!("must be an IPv6 CIDR, got {s:?}")));
            }
        }
        _ => {
            if addr.parse::<std::net::Ipv4Addr>().is_err() || bits > 32 {
                return Err(ValidationError::coded(field, "cidr-v4", vec![format!("{s:?}")], format!("must be an IPv4 CIDR, got {s:?}")));
            }
        }
    }
    Ok(())
}

/// Checks an HBA address: a CIDR, a host name or a domain.
pub fn hba_address(field: &str, s: &str) -> Result<(), ValidationError> {
    required(field, s)?;
    if s.contains('/') {
        let ether = if s.contains(':') { EtherType::Ipv6 } else { EtherType::Ipv4 };
        return cidr(field, s, &ether);
    }
    // Digits and dots only is meant as an address, never a host name: a
    // look-alike that is not one (`10.1.2.300`, `10.1.2`) is refused.
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.parse::<std::net::Ipv4Addr>().is_err() {
        return Err(ValidationError::coded(
            field,
            "not-ipv4",
            vec![format!("{s:?}")],
            format!("{s:?} is not an IPv4 address (four numbers 0–255, e.g. 10.1.2.3)"),
        ));
    }
    // A top-level label is never all digits (RFC 3696 §2).
    let last_numeric = s.rsplit('.').next().is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = s.len() <= 253
        && !last_numeric
        && s.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        || s.parse::<std::net::IpAddr>().is_ok();
    if host_ok {
        Ok(())
    } else {
        Err(ValidationError::coded(
            field,
            "hba-address",
            vec![format!("{s:?}")],
            format!("must be a CIDR, a host name or a domain, got {s:?}"),
        ))
    }
}

/// Checks a security-rule port object (docs/upstream-api.md #7): `PORT` needs
/// `minPort == maxPort`; `PORT_RANGE` needs `1 <= minPort <= maxPort <= 65535`;
/// `DB_PORT` takes no ports.
pub fn port_rule(port_type: &PortType, min: Option<u32>, max: Option<u32>) -> Result<(), ValidationError> {
    known_enum!("port.portType", port_type, PortType)?;
    match port_type {
        PortType::DbPort => {
            if min.is_some() || max.is_some() {
                return Err(ValidationError::coded("port.minPort", "port-db-empty", vec![], "must be empty when the port type is DB_PORT"));
            }
        }
        PortType::Port | PortType::PortRange => {
            let lo =
                min.ok_or_else(|| ValidationError::coded("port.minPort", "port-required", vec![], "is required for this port type"))?;
            let hi =
                max.ok_or_else(|| ValidationError::coded("port.maxPort", "port-required", vec![], "is required for this port type"))?;
            range("port.minPort", lo, 1, 65_535)?;
            range("port.maxPort", hi, 1, 65_535)?;
            if matches!(port_type, PortType::Port) && lo != hi {
                return Err(ValidationError::coded("port.maxPort", "port-equal", vec![], "must equal minPort when the port type is PORT"));
            }
            if lo > hi {
                return Err(ValidationError::coded("port.maxPort", "port-below", vec![], "must not be below minPort"));
            }
        }
        PortType::Unknown(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_ids_cannot_leave_their_segment() {
        for ok in ["0f3c2a1e-7b7d-4c8e-9a51-3f0e6b2d9c11", "abc_DEF-123"] {
            assert!(path_id("dbInstanceId", ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "%2e%2e", "a/b", "../db-security-groups", "a b", "a?b=c", "a#b", "a\\b", "ä", &"a".repeat(101)] {
            let e = path_id("dbInstanceId", bad).unwrap_err();
            assert_eq!(e.field, "dbInstanceId", "{bad}");
        }
    }

    fn field_of<T>(r: Result<T, ValidationError>) -> String {
        match r {
            Ok(_) => panic!("expected a refusal"),
            Err(e) => e.field,
        }
    }

    #[test]
    fn port_limits() {
        assert!(Port::new(5_432).is_ok());
        assert!(Port::new(45_432).is_ok());
        assert_eq!(field_of(Port::new(5_431)), "dbPort");
        assert_eq!(field_of(Port::new(45_433)), "dbPort");
        assert_eq!(field_of(Port::new(0)), "dbPort");
    }

    #[test]
    fn storage_limits() {
        assert_eq!(field_of(StorageSize::new(19)), "storageSize");
        assert!(StorageSize::new(20).is_ok());
        assert!(StorageSize::new(2048).is_ok());
        assert!(StorageSize::new(2049).is_err());
    }

    #[test]
    fn storage_never_shrinks() {
        assert!(StorageSize::grow(100, 100).is_ok());
        assert!(StorageSize::grow(100, 101).is_ok());
        let e = StorageSize::grow(100, 99).unwrap_err();
        assert!(e.reason.contains("shrink"), "{e}");
    }

    #[test]
    fn backup_period_limits() {
        assert!(BackupPeriod::new(0).is_ok());
        assert!(BackupPeriod::new(730).is_ok());
        assert!(BackupPeriod::new(731).is_err());
    }

    #[test]
    fn backup_retry_limits() {
        assert!(BackupRetryCount::new(0).is_ok());
        assert!(BackupRetryCount::new(10).is_ok());
        assert!(BackupRetryCount::new(11).is_err());
    }

    #[test]
    fn ping_interval_limits() {
        assert!(PingInterval::new(0).is_err());
        assert!(PingInterval::new(1).is_ok());
        assert!(PingInterval::new(600).is_ok());
        assert!(PingInterval::new(601).is_err());
    }

    #[test]
    fn failover_wait_limits() {
        assert!(FailoverReplWaitingTime::new(-2).is_err());
        assert!(FailoverReplWaitingTime::new(-1).is_ok());
        assert!(FailoverReplWaitingTime::new(0).is_ok());
    }

    #[test]
    fn paging_limits() {
        assert!(Page::new(0).is_err());
        assert!(Page::new(1).is_ok());
        assert!(PageSize::new(0).is_err());
        assert!(PageSize::new(1).is_ok());
        assert!(PageSize::new(100).is_ok());
        assert!(PageSize::new(101).is_err());
    }

    #[test]
    fn create_password_is_4_to_16() {
        assert!(create_db_password("dbPassword", "abc").is_err());
        assert!(create_db_password("dbPassword", "abcd").is_ok());
        assert!(create_db_password("dbPassword", &"a".repeat(16)).is_ok());
        assert!(create_db_password("dbPassword", &"a".repeat(17)).is_err());
    }

    #[test]
    fn db_user_texts_are_1_to_32() {
        assert!(db_user_text("dbUserName", "").is_err());
        assert!(db_user_text("dbUserName", "a").is_ok());
        assert!(db_user_text("dbUserName", &"a".repeat(32)).is_ok());
        assert!(db_user_text("dbUserName", &"a".repeat(33)).is_err());
    }

    #[test]
    fn times_of_day() {
        assert!(time_of_day("t", "00:00:00").is_ok());
        assert!(time_of_day("t", "23:59:59").is_ok());
        assert!(time_of_day("t", "24:00:00").is_err());
        assert!(time_of_day("t", "1:00:00").is_err());
    }

    #[test]
    fn window_durations_must_be_documented() {
        assert!(window_duration("d", &WindowDuration::OneHour).is_ok());
        assert!(window_duration("d", &WindowDuration::parse("FOUR_HOURS")).is_err());
    }

    #[test]
    fn port_rules_follow_their_type() {
        assert!(port_rule(&PortType::DbPort, None, None).is_ok());
        assert!(port_rule(&PortType::DbPort, Some(1), Some(1)).is_err());
        assert!(port_rule(&PortType::Port, Some(5432), Some(5432)).is_ok());
        assert!(port_rule(&PortType::Port, Some(5432), Some(5433)).is_err());
        assert!(port_rule(&PortType::PortRange, Some(1), Some(65_535)).is_ok());
        assert!(port_rule(&PortType::PortRange, Some(0), Some(10)).is_err());
        assert!(port_rule(&PortType::PortRange, Some(10), Some(9)).is_err());
        assert!(port_rule(&PortType::PortRange, Some(10), Some(65_536)).is_err());
        assert!(port_rule(&PortType::PortRange, None, Some(10)).is_err());
    }

    #[test]
    fn cidrs_and_addresses() {
        assert!(cidr("cidr", "0.0.0.0/0", &EtherType::Ipv4).is_ok());
        assert!(cidr("cidr", "10.0.0.0/33", &EtherType::Ipv4).is_err());
        assert!(cidr("cidr", "::/0", &EtherType::Ipv6).is_ok());
        assert!(cidr("cidr", "10.0.0.1", &EtherType::Ipv4).is_err());
        assert!(hba_address("address", "192.168.0.0/16").is_ok());
        assert!(hba_address("address", "db.example.com").is_ok());
        assert!(hba_address("address", "bad host!").is_err());
        // Look-alikes of an IPv4 address are not host names.
        for bad in ["10.1.2.300", "10.1.2", "1.2.3.4.5", "host.123"] {
            assert!(hba_address("address", bad).is_err(), "{bad}");
        }
        assert!(hba_address("address", "10.1.2.3").is_ok());
        assert!(hba_address("address", "db-1.internal").is_ok());
        assert!(hba_address("address", "").is_err());
    }
}
