//! User groups, notification groups and watchdogs as the alerting page and
//! the instance charts show them.

use rds::types::{Member, Metric, Watchdog};
use rds::ComparisonOperator;
use serde::{Deserialize, Serialize};

/// A project member, by name and e-mail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub email: String,
}

impl Person {
    /// The member as upstream lists them.
    pub fn of(m: &Member) -> Self {
        Person { id: m.member_id.0.clone(), name: m.member_name.clone(), email: m.email_address.clone().unwrap_or_default() }
    }
}

/// A user group with its members named.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserGroupView {
    pub id: String,
    pub name: String,
    /// Every member of the project, now and later.
    pub every_member: bool,
    pub members: Vec<Person>,
    pub created: String,
}

/// A notification group with what it watches, whom it notifies, and its
/// watchdogs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationGroupView {
    pub id: String,
    pub name: String,
    pub email: bool,
    pub sms: bool,
    pub enabled: bool,
    /// (id, name) of the instances watched.
    pub instances: Vec<(String, String)>,
    /// (id, name) of the user groups notified.
    pub user_groups: Vec<(String, String)>,
    pub watchdogs: Vec<Watchdog>,
}

/// The alerting page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Alerting {
    pub user_groups: Vec<UserGroupView>,
    pub notification_groups: Vec<NotificationGroupView>,
    /// The project's members, to choose from.
    pub members: Vec<Person>,
    /// (id, name) of every instance, to choose from.
    pub instances: Vec<(String, String)>,
    /// The metrics a watchdog can watch, with their units.
    pub metrics: Vec<Metric>,
}

/// A watchdog of a notification group watching an instance: a line on that
/// metric's chart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WatchLine {
    pub group: String,
    pub watchdog: Watchdog,
}

/// The comparison as a sign.
pub fn sign(op: &Option<ComparisonOperator>) -> &str {
    match op {
        Some(ComparisonOperator::Le) => "≤",
        Some(ComparisonOperator::Lt) => "<",
        Some(ComparisonOperator::Ge) => "≥",
        Some(ComparisonOperator::Gt) => ">",
        Some(ComparisonOperator::Unknown(s)) => s.as_str(),
        None => "?",
    }
}

/// A metric's name in words ("CPU usage").
pub fn metric_words(name: &str) -> String {
    let lower = name.replace('_', " ").to_ascii_lowercase();
    let mut words: Vec<String> = lower.split(' ').map(str::to_string).collect();
    for w in &mut words {
        if matches!(w.as_str(), "cpu" | "io" | "tps" | "qps") {
            *w = w.to_ascii_uppercase();
        }
    }
    let s = words.join(" ");
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// The watchdog as a sentence: "CPU usage ≥ 90 % for 5 minutes".
pub fn sentence(w: &Watchdog, unit: &str) -> String {
    let unit = match unit {
        "" => String::new(),
        "%" | "PERCENT" => " %".to_string(),
        u => format!(" {u}"),
    };
    let minutes = if w.duration == 1 { "1 minute".to_string() } else { format!("{} minutes", w.duration) };
    format!("{} {} {}{unit} for {minutes}", metric_words(&w.metric_name), sign(&w.comparison_operator), w.threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watchdog_reads_as_a_sentence() {
        let w = Watchdog {
            metric_name: "CPU_USAGE".into(),
            comparison_operator: Some(ComparisonOperator::Ge),
            threshold: 90,
            duration: 5,
            ..Default::default()
        };
        assert_eq!(sentence(&w, "%"), "CPU usage ≥ 90 % for 5 minutes");
        let w = Watchdog {
            metric_name: "DATABASE_CONNECTIONS".into(),
            comparison_operator: Some(ComparisonOperator::Lt),
            threshold: 3,
            duration: 1,
            ..Default::default()
        };
        assert_eq!(sentence(&w, "count"), "Database connections < 3 count for 1 minute");
        let w = Watchdog {
            metric_name: "X".into(),
            comparison_operator: Some(ComparisonOperator::Unknown("NE".into())),
            threshold: 1,
            duration: 2,
            ..Default::default()
        };
        assert_eq!(sentence(&w, ""), "X NE 1 for 2 minutes");
    }
}
