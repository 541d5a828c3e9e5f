//! Failures of an API call, and reading an answer: available without the
//! `client` feature so tests and the browser can use them.

use crate::types::Header;
use crate::validate::ValidationError;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Upstream's code for a missing or expired token.
pub const UNAUTHORIZED: i64 = 80401;
/// Upstream's code for a call the member's role or the project's IP ACL forbids.
pub const FORBIDDEN: i64 = 80403;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RdsError {
    /// Upstream answered and refused: `resultCode` and `resultMessage` as sent.
    #[error("upstream refused the call ({code}): {message}")]
    Api { code: i64, message: String },
    /// The request was never sent: a value is out of the guide's limits.
    #[error("invalid {0}")]
    Invalid(ValidationError),
    /// The OAuth endpoint did not give a token.
    #[error("could not get an access token: {0}")]
    Token(String),
    /// No answer within the time limit.
    #[error("upstream did not answer in time")]
    Timeout,
    /// Upstream answered with an HTTP error status and its own words (the
    /// guide says every answer is HTTP 200; the service answers 401, 404,
    /// 405 and 500 with a JSON header): the status, `resultCode` and
    /// `resultMessage` as sent.
    #[error("upstream answered HTTP {status} ({code}): {message}")]
    Http { status: u16, code: i64, message: String },
    /// The connection failed, or upstream answered an HTTP error without
    /// words of its own.
    #[error("could not reach upstream: {0}")]
    Transport(String),
    /// Upstream answered something that is not the documented JSON.
    #[error("upstream sent an answer pgdeck cannot read: {0}")]
    Decode(String),
    /// Told to slow down: upstream answered HTTP 429 (or 503 with
    /// `Retry-After`), or pgdeck's own request budget for the credential
    /// is spent (`by_pgdeck`). Nothing was executed.
    #[error("{}", throttled_words(*.retry_after_ms, .message, *.by_pgdeck))]
    Throttled { retry_after_ms: u64, message: String, by_pgdeck: bool },
}

/// How a throttled call is told to a member.
fn throttled_words(retry_after_ms: u64, message: &str, by_pgdeck: bool) -> String {
    let secs = retry_after_ms.div_ceil(1000).max(1);
    if by_pgdeck {
        format!("pgdeck's request budget for these NHN Cloud credentials is spent for now (PGDECK_UPSTREAM_RATE); retry in {secs} s")
    } else if message.is_empty() {
        format!("NHN Cloud is throttling requests, retry in {secs} s")
    } else {
        format!("NHN Cloud is throttling requests, retry in {secs} s ({message})")
    }
}

/// The longest wait a `Retry-After` is taken at its word for.
pub const MAX_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(300);

/// A "slow down" answer: HTTP 429, or 503 with a `Retry-After`. The wait is
/// `Retry-After` in seconds (1 s when absent or unreadable, at most
/// [`MAX_RETRY_AFTER`]); the message is upstream's own when its body has a
/// header.
pub fn throttled(status: u16, retry_after: Option<&str>, bytes: &[u8]) -> Option<RdsError> {
    let wait = retry_after.and_then(|v| v.trim().parse::<u64>().ok());
    if !(status == 429 || (status == 503 && retry_after.is_some())) {
        return None;
    }
    let secs = wait.unwrap_or(1).clamp(1, MAX_RETRY_AFTER.as_secs());
    let message = serde_json::from_slice::<HeaderOnly>(bytes).ok().and_then(|h| h.header).map(|h| h.result_message).unwrap_or_default();
    Some(RdsError::Throttled { retry_after_ms: secs * 1000, message, by_pgdeck: false })
}

impl RdsError {
    /// Upstream's `resultCode`, when upstream answered.
    pub fn result_code(&self) -> Option<i64> {
        match self {
            RdsError::Api { code, .. } | RdsError::Http { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether another try may succeed (transport trouble, an overloaded or
    /// failing service; not a refusal).
    pub fn is_transient(&self) -> bool {
        match self {
            RdsError::Timeout | RdsError::Transport(_) | RdsError::Decode(_) => true,
            RdsError::Http { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// How long to wait before asking again, when told to slow down.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            RdsError::Throttled { retry_after_ms, .. } => Some(std::time::Duration::from_millis(*retry_after_ms)),
            _ => None,
        }
    }

    /// Whether upstream says there is no such API or resource (HTTP 404).
    pub fn is_not_found(&self) -> bool {
        matches!(self, RdsError::Http { status: 404, .. })
    }
}

impl From<ValidationError> for RdsError {
    fn from(e: ValidationError) -> Self {
        RdsError::Invalid(e)
    }
}

#[derive(Deserialize)]
struct HeaderOnly {
    #[serde(default)]
    header: Option<Header>,
}

/// Reads an answer: the header first, then the body as `T`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, RdsError> {
    check_header(bytes)?;
    // Straight from the bytes: no intermediate JSON tree.
    serde_json::from_slice(bytes).map_err(|e| RdsError::Decode(e.to_string()))
}

/// What an HTTP error answer says: the status, and upstream's code and
/// message when its body carries a header (`None` for a body without one).
/// An HTTP 401 is a refused token whatever the body says, so that it is
/// renewed like a body's 80401.
pub fn http_error(status: u16, bytes: &[u8]) -> RdsError {
    let head = serde_json::from_slice::<HeaderOnly>(bytes).ok().and_then(|h| h.header);
    let text = || {
        let t = String::from_utf8_lossy(bytes);
        let t: String = t.chars().filter(|c| !c.is_control()).take(200).collect();
        if t.trim().is_empty() {
            format!("HTTP {status}")
        } else {
            t
        }
    };
    match (status, head) {
        (401, h) => RdsError::Api { code: UNAUTHORIZED, message: h.map(|h| h.result_message).unwrap_or_else(text) },
        (_, Some(h)) => RdsError::Http { status, code: h.result_code, message: h.result_message },
        (404 | 405, None) => RdsError::Http { status, code: 0, message: text() },
        (_, None) => RdsError::Transport(format!("HTTP {status}: {}", text())),
    }
}

/// Reads only an answer's header: a refusal becomes [`RdsError::Api`].
pub fn check_header(bytes: &[u8]) -> Result<(), RdsError> {
    let head: HeaderOnly = serde_json::from_slice(bytes).map_err(|e| RdsError::Decode(e.to_string()))?;
    if let Some(h) = head.header {
        if !h.is_successful || h.result_code != 0 {
            return Err(RdsError::Api { code: h.result_code, message: h.result_message });
        }
    }
    Ok(())
}
