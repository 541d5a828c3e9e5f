//! Lists upstream pages but cannot filter the way a member asks: pgdeck
//! reads every page (up to [`SCAN_BOUND`] items), keeps what matches, and
//! pages the matches — so a filter sees every page and the pager counts
//! what matched, not what was fetched.

use rds::types::{Backup, Event};
use serde::{Deserialize, Serialize};

/// The most items pgdeck reads from upstream to filter one list.
pub const SCAN_BOUND: u64 = 5000;

/// One page of what matched.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Matched<T> {
    pub items: Vec<T>,
    /// How many matched in all (over what was read).
    pub total: u64,
    /// The list is longer than [`SCAN_BOUND`]: matches after the first
    /// that many items were not looked for.
    pub bounded: bool,
}

impl<T> Matched<T> {
    /// Pages of `size` the matches fill (at least one).
    pub fn pages(&self, size: u32) -> u64 {
        self.total.div_ceil(u64::from(size.max(1))).max(1)
    }

    /// What the pager says: "Page 2 of 3 · 45 backups", and the bound when
    /// it was reached.
    pub fn pager(&self, page: u32, size: u32, noun: &str) -> String {
        let bound = if self.bounded { format!(" (the first {SCAN_BOUND} searched)") } else { String::new() };
        format!("Page {page} of {} · {} {noun}{bound}", self.pages(size), self.total)
    }
}

/// The backup list's filters upstream does not have.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupFilter {
    /// A backup status (`COMPLETED`, …), or empty for any.
    pub status: String,
    /// Words in the name, the instance's name or id, or the WAL file.
    pub text: String,
    /// Taken on or after this day (`YYYY-MM-DD`), and on or before `to`.
    pub from: String,
    pub to: String,
}

impl BackupFilter {
    /// Whether it filters at all.
    pub fn is_empty(&self) -> bool {
        self.status.is_empty() && self.text.trim().is_empty() && self.from.is_empty() && self.to.is_empty()
    }

    pub fn keeps(&self, b: &Backup) -> bool {
        let status = b.backup_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
        let day = b.created_ymdt.as_ref().map(|t| t.raw().get(..10).unwrap_or("").to_string()).unwrap_or_default();
        let text = self.text.trim().to_lowercase();
        let hay = format!(
            "{} {} {} {}",
            b.backup_name,
            b.db_instance_name.clone().unwrap_or_default(),
            b.db_instance_id,
            b.wal_file_name.clone().unwrap_or_default()
        )
        .to_lowercase();
        (self.status.is_empty() || status == self.status)
            && (text.is_empty() || hay.contains(&text))
            && (self.from.is_empty() || day.as_str() >= self.from.as_str())
            && (self.to.is_empty() || day.as_str() <= self.to.as_str())
    }
}

/// The event list's filter upstream does not have: one event code.
pub fn keeps_event(code: &str, e: &Event) -> bool {
    code.is_empty() || e.event_code == code
}
