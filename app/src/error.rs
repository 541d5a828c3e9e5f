//! The error every server function answers with, so pages can match on it.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

/// What went wrong, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or the session ended.
    #[error("please sign in")]
    Unauthorized,
    /// The member's role does not allow this.
    #[error("not allowed: {0}")]
    Forbidden(Said),
    /// No such resource.
    #[error("not found: {0}")]
    NotFound(String),
    /// A value is outside its limits; `field` names it as on the wire.
    #[error("{field}: {reason}")]
    Validation {
        field: String,
        reason: String,
        /// The refusal's code then its values (`["range", "20", "2048",
        /// "10"]`), for words in the member's language; empty when the
        /// English reason is all there is. (A list rather than a record:
        /// the browser decodes lists of text already.)
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        code: Vec<String>,
    },
    /// The request clashes with the state of what it acts on (votes closed,
    /// already voted, already cancelled).
    #[error("{0}")]
    Conflict(Said),
    /// Upstream refused the call.
    #[error("NHN Cloud refused the call ({code}): {message}")]
    Upstream { code: i64, message: String },
    /// Upstream could not be reached or answered nonsense.
    #[error("NHN Cloud could not be reached: {0}")]
    Unavailable(String),
    /// Told to slow down: NHN Cloud throttles, or pgdeck's budget for the
    /// member's credentials is spent. Nothing was executed.
    #[error("{message}")]
    Throttled { retry_after_secs: u64, message: String },
    /// The member has no NHN credentials yet.
    #[error("add your NHN Cloud credentials first")]
    NoCredentials,
    /// Something pgdeck did not expect; details are in the server log.
    #[error("something went wrong on the server (reference {0})")]
    Internal(String),
    /// The call itself failed (network, encoding).
    #[error("{0}")]
    ServerFn(String),
}

impl AppError {
    /// The HTTP status a refused server-function call is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::Validation { .. } | AppError::NoCredentials => 422,
            AppError::Upstream { .. } => 502,
            AppError::Unavailable(_) => 503,
            AppError::Throttled { .. } => 429,
            AppError::ServerFn(_) => 400,
            AppError::Internal(_) => 500,
        }
    }
}

/// A refusal's English words, then its code and values when pgdeck words
/// it in the member's language (`["the viewer role cannot do this",
/// "role-cannot", "viewer"]`): a list of text, which the browser decodes
/// already (a record would cost its own decoding code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Said(pub Vec<String>);

impl Said {
    /// English words, and a code with its values (or none).
    pub fn new(text: String, code: Vec<String>) -> Said {
        Said(std::iter::once(text).chain(code).collect())
    }

    /// The English words.
    pub fn text(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }

    /// The code, then its values; empty when the English is all there is.
    pub fn code(&self) -> &[String] {
        self.0.get(1..).unwrap_or(&[])
    }

    fn bounded(&self) -> Said {
        Said(self.0.iter().map(|s| bounded(s)).collect())
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said(vec![text])
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

/// The most characters of one message an answer carries: a refusal may
/// quote what was sent, but never echoes a huge value back.
const MESSAGE_CHARS: usize = 500;

fn bounded(s: &str) -> String {
    if s.chars().count() <= MESSAGE_CHARS {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MESSAGE_CHARS).collect::<String>())
    }
}

impl AppError {
    /// The same error with every message cut to [`MESSAGE_CHARS`].
    pub fn bounded(&self) -> AppError {
        match self {
            AppError::Unauthorized | AppError::NoCredentials => self.clone(),
            AppError::Forbidden(s) => AppError::Forbidden(s.bounded()),
            AppError::NotFound(m) => AppError::NotFound(bounded(m)),
            AppError::Validation { field, reason, code } => {
                AppError::Validation { field: bounded(field), reason: bounded(reason), code: code.iter().map(|c| bounded(c)).collect() }
            }
            AppError::Conflict(s) => AppError::Conflict(s.bounded()),
            AppError::Upstream { code, message } => AppError::Upstream { code: *code, message: bounded(message) },
            AppError::Unavailable(m) => AppError::Unavailable(bounded(m)),
            AppError::Throttled { retry_after_secs, message } => {
                AppError::Throttled { retry_after_secs: *retry_after_secs, message: bounded(message) }
            }
            AppError::Internal(m) => AppError::Internal(bounded(m)),
            AppError::ServerFn(m) => AppError::ServerFn(bounded(m)),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Arguments that cannot be read are the sender's mistake: say which
        // part and why, briefly (serde names the field or variant).
        let unreadable = |m: String| {
            let m = m.trim_start_matches("error deserializing server function results: ");
            let short: String = m.chars().take(240).collect();
            let more = if m.chars().count() > 240 { "…" } else { "" };
            AppError::ServerFn(format!("the request could not be read: {short}{more}"))
        };
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::Deserialization(m) | ServerFnErrorErr::MissingArg(m) => unreadable(m),
            other => AppError::ServerFn(other.to_string()),
        }
    }

    /// Encodes the error, and on the server answers with its HTTP meaning
    /// (403, 409, 422…) instead of a blanket 500.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(self.status()) {
                options.set_status(status);
            }
        }
        <JsonEncoding as leptos::server_fn::Encodes<Self>>::encode(&self.bounded())
            .unwrap_or_else(|e| leptos::server_fn::Bytes::from(format!("{{\"ServerFn\":{:?}}}", e.to_string())))
    }
}

/// A refusal's code and values as `AppError::Validation` carries them.
fn refusal_to_wire(r: Option<rds::Refusal>) -> Vec<String> {
    r.map(|r| std::iter::once(r.code).chain(r.args).collect()).unwrap_or_default()
}

impl AppError {
    /// A refused field as a `rds::ValidationError` again, code included, so
    /// a page words it as its own checks are worded.
    pub fn refused(field: &str, reason: &str, code: &[String]) -> rds::ValidationError {
        let code = code.split_first().map(|(c, args)| rds::Refusal { code: c.clone(), args: args.to_vec() });
        rds::ValidationError { field: field.to_string(), reason: reason.to_string(), code }
    }
}

impl From<rds::ValidationError> for AppError {
    fn from(e: rds::ValidationError) -> Self {
        AppError::Validation { field: e.field, reason: e.reason, code: refusal_to_wire(e.code) }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::DomainError> for AppError {
    fn from(e: domain::DomainError) -> Self {
        use domain::DomainError as D;
        match e {
            D::Unauthorized => AppError::Unauthorized,
            D::Forbidden(w) => AppError::Forbidden(Said::new(w.text, w.code)),
            D::Conflict(w) => AppError::Conflict(Said::new(w.text, w.code)),
            D::NotFound(m) => AppError::NotFound(m),
            D::Validation(v) => AppError::Validation { field: v.field, reason: v.reason, code: refusal_to_wire(v.code) },
            D::Upstream { code, message } => AppError::Upstream { code, message },
            D::Unavailable(m) => AppError::Unavailable(m),
            D::NoCredentials => AppError::NoCredentials,
            D::Throttled { retry_after_secs, message } => AppError::Throttled { retry_after_secs, message },
            D::Internal(err) => {
                let reference = domain::error_reference();
                tracing::error!(reference = %reference, error = ?err, "internal error");
                AppError::Internal(reference)
            }
        }
    }
}
