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
    Forbidden(String),
    /// No such resource.
    #[error("not found: {0}")]
    NotFound(String),
    /// A value is outside its limits; `field` names it as on the wire.
    #[error("{field}: {reason}")]
    Validation { field: String, reason: String },
    /// Upstream refused the call.
    #[error("NHN Cloud refused the call ({code}): {message}")]
    Upstream { code: i64, message: String },
    /// Upstream could not be reached or answered nonsense.
    #[error("NHN Cloud could not be reached: {0}")]
    Unavailable(String),
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

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value.to_string())
    }
}

impl From<rds::ValidationError> for AppError {
    fn from(e: rds::ValidationError) -> Self {
        AppError::Validation { field: e.field, reason: e.reason }
    }
}

#[cfg(feature = "ssr")]
impl From<domain::DomainError> for AppError {
    fn from(e: domain::DomainError) -> Self {
        use domain::DomainError as D;
        match e {
            D::Unauthorized => AppError::Unauthorized,
            D::Forbidden(m) => AppError::Forbidden(m),
            D::NotFound(m) => AppError::NotFound(m),
            D::Validation(v) => AppError::Validation { field: v.field, reason: v.reason },
            D::Upstream { code, message } => AppError::Upstream { code, message },
            D::Unavailable(m) => AppError::Unavailable(m),
            D::NoCredentials => AppError::NoCredentials,
            D::Internal(err) => {
                let reference = domain::error_reference();
                tracing::error!(reference = %reference, error = ?err, "internal error");
                AppError::Internal(reference)
            }
        }
    }
}
