//! The domain's error: what the user can fix, kept apart from what they cannot.

use rds::client::RdsError;

/// Why a domain operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(Why),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("invalid {0}")]
    Validation(rds::ValidationError),
    /// The request clashes with the resource's state: votes closed,
    /// already voted, already cancelled.
    #[error("conflict: {0}")]
    Conflict(Why),
    #[error("upstream refused ({code}): {message}")]
    Upstream { code: i64, message: String },
    #[error("upstream unavailable: {0}")]
    Unavailable(String),
    /// Told to slow down (upstream's 429, or pgdeck's budget for the
    /// credential): nothing was executed.
    #[error("{message}")]
    Throttled { retry_after_secs: u64, message: String },
    #[error("no NHN Cloud credentials")]
    NoCredentials,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Why something was refused: the English words (what the audit log keeps)
/// and, for a refusal pgdeck words, its code and values, so a page says it
/// in the member's language (`lang/locales/*/refusals-more.ftl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub text: String,
    /// The code, then its values in the English message's order; empty
    /// when the English is all there is.
    pub code: Vec<String>,
}

impl Why {
    /// A refusal with a code: `refusal-<code>`'s English, with `args` (in
    /// the English message's order) put in.
    pub fn coded(code: &str, args: &[&(dyn std::fmt::Display + Sync)]) -> Why {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let text = match lang::msg::refusal(code) {
            Some(key) => {
                let values = args.iter().map(|a| lang::Arg::from(a.as_str())).collect();
                lang::tables::table(lang::Lang::En).format(&lang::Text::new(key, values))
            }
            None => {
                debug_assert!(false, "no message refusal-{code}");
                code.to_string()
            }
        };
        Why { text, code: std::iter::once(code.to_string()).chain(args).collect() }
    }
}

/// A refused field with a code: `refusal-<code>`'s English (what the audit
/// log keeps) with `args` put in, and the code and values a page words in
/// the member's language.
pub fn refused(field: &str, code: &str, args: &[&(dyn std::fmt::Display + Sync)]) -> rds::ValidationError {
    let Why { text, code } = Why::coded(code, args);
    let mut code = code.into_iter();
    let name = code.next().unwrap_or_default();
    rds::ValidationError::coded(field, &name, code.collect(), text)
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<String> for Why {
    fn from(text: String) -> Why {
        Why { text, code: Vec::new() }
    }
}

impl From<&str> for Why {
    fn from(text: &str) -> Why {
        Why { text: text.to_string(), code: Vec::new() }
    }
}

impl DomainError {
    /// The refusal as a code and its values, when it has one: a refusal of
    /// rights or state as its code (`["role-cannot", "viewer"]`), a refused
    /// field as `["refused-field", field, code, values…]`.
    pub fn said(&self) -> Option<Vec<String>> {
        match self {
            DomainError::Forbidden(w) | DomainError::Conflict(w) => (!w.code.is_empty()).then(|| w.code.clone()),
            DomainError::Validation(v) => v.code.as_ref().map(|r| {
                ["refused-field".to_string(), v.field.clone(), r.code.clone()].into_iter().chain(r.args.iter().cloned()).collect()
            }),
            _ => None,
        }
    }
}

impl From<RdsError> for DomainError {
    fn from(e: RdsError) -> Self {
        match e {
            RdsError::Api { code, message } => DomainError::Upstream { code, message },
            RdsError::Http { status, code, message } if status >= 500 => {
                DomainError::Unavailable(format!("NHN Cloud answered HTTP {status} ({code}): {message}"))
            }
            RdsError::Http { status: 404, message, .. } => DomainError::NotFound(message),
            RdsError::Http { code, message, .. } => DomainError::Upstream { code, message },
            RdsError::Invalid(v) => DomainError::Validation(v),
            RdsError::Token(m) => DomainError::Unavailable(format!("the token exchange failed: {m}")),
            RdsError::Timeout => DomainError::Unavailable("NHN Cloud did not answer in time".into()),
            RdsError::Transport(m) => DomainError::Unavailable(m),
            RdsError::Decode(m) => DomainError::Unavailable(format!("unreadable answer: {m}")),
            e @ RdsError::Throttled { .. } => DomainError::Throttled {
                retry_after_secs: e.retry_after().map_or(1, |d| d.as_secs_f64().ceil() as u64).max(1),
                message: e.to_string(),
            },
        }
    }
}

impl From<rds::ValidationError> for DomainError {
    fn from(e: rds::ValidationError) -> Self {
        DomainError::Validation(e)
    }
}

impl From<sqlx::Error> for DomainError {
    fn from(e: sqlx::Error) -> Self {
        DomainError::Internal(anyhow::Error::new(e))
    }
}

tokio::task_local! {
    /// The id of the HTTP request being served (set by the server for the
    /// whole request; it is also in every log line of the request).
    pub static REQUEST_ID: String;
}

/// A fresh request id: 16 hex digits.
pub fn new_request_id() -> String {
    // The thread's generator (seeded from the OS), not a system call per
    // request: an id names a request, it guards nothing.
    format!("{:016x}", rand::random::<u64>())
}

/// Runs `work` in a task of its own that goes on when the caller stops
/// waiting, in the same request: same request id, same log span.
pub fn spawn_in_request<F>(work: F) -> tokio::task::JoinHandle<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    use tracing::Instrument as _;
    tokio::spawn(REQUEST_ID.scope(error_reference(), work).instrument(tracing::Span::current()))
}

/// A short reference shown to the user and written to the log with the
/// cause: the request's id when there is one, so the member's "reference"
/// finds every log line of their request.
pub fn error_reference() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_else(|_| new_request_id())
}
