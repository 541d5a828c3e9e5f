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
    /// The connection failed or upstream answered with an HTTP error.
    #[error("could not reach upstream: {0}")]
    Transport(String),
    /// Upstream answered something that is not the documented JSON.
    #[error("upstream sent an answer pgdeck cannot read: {0}")]
    Decode(String),
}

impl RdsError {
    /// Upstream's `resultCode`, when upstream answered.
    pub fn result_code(&self) -> Option<i64> {
        match self {
            RdsError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether another try may succeed (transport trouble, not a refusal).
    pub fn is_transient(&self) -> bool {
        matches!(self, RdsError::Timeout | RdsError::Transport(_) | RdsError::Decode(_))
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
