//! Events and subscribable event codes.

use super::*;

/// Query of `GET /v1.0/events`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventQuery {
    pub page: u32,
    pub size: u32,
    pub from: String,
    pub to: String,
    pub event_category_type: EventCategoryType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

impl Validate for EventQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::Page::new(self.page)?;
        validate::PageSize::new(self.size)?;
        if crate::datetime::parse_rfc3339_lenient(&self.from).is_none() {
            return Err(crate::validate::not_date_time("from", &self.from));
        }
        if crate::datetime::parse_rfc3339_lenient(&self.to).is_none() {
            return Err(crate::validate::not_date_time("to", &self.to));
        }
        known_enum!("eventCategoryType", &self.event_category_type, EventCategoryType)
    }
}

/// An event message in one language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventMessage {
    pub lang_code: String,
    pub message: String,
}

/// One event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    /// docs/upstream-api.md #9: the example sends `INSTANCE`; unknown values are kept.
    pub event_category_type: Option<EventCategoryType>,
    pub event_code: String,
    pub source_id: String,
    pub source_name: String,
    pub messages: Vec<EventMessage>,
    pub event_ymdt: Option<Timestamp>,
}

impl Event {
    /// The English message, or the first one.
    pub fn english(&self) -> &str {
        self.message_in("EN")
    }

    /// The message in a language (`KO`, any case), else the English one,
    /// else the first.
    pub fn message_in(&self, lang: &str) -> &str {
        let find = |l: &str| self.messages.iter().find(|m| m.lang_code.eq_ignore_ascii_case(l));
        find(lang).or_else(|| find("EN")).or_else(|| self.messages.first()).map(|m| m.message.as_str()).unwrap_or("")
    }
}

/// `GET /v1.0/events`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Events {
    pub total_counts: u64,
    pub events: Vec<Event>,
}

/// A subscribable event code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventCode {
    pub event_code: String,
    pub event_category_type: Option<EventCategoryType>,
}

/// `GET /v1.0/event-codes`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventCodes {
    pub event_codes: Vec<EventCode>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reads_in_the_language_asked_else_english_else_the_first() {
        let m = |l: &str, s: &str| EventMessage { lang_code: l.into(), message: s.into() };
        let e = Event { messages: vec![m("JA", "開始"), m("EN", "started"), m("KO", "시작")], ..Default::default() };
        assert_eq!(e.message_in("ko"), "시작");
        assert_eq!(e.message_in("KO"), "시작");
        assert_eq!(e.message_in("zh"), "started");
        assert_eq!(e.english(), "started");
        let e = Event { messages: vec![m("JA", "開始")], ..Default::default() };
        assert_eq!(e.message_in("ko"), "開始");
        assert_eq!(Event::default().message_in("ko"), "");
    }
}
