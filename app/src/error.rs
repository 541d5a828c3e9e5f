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
    /// The request clashes with the state of what it acts on (votes closed,
    /// already voted, already cancelled).
    #[error("{0}")]
    Conflict(String),
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
            AppError::ServerFn(_) => 400,
            AppError::Internal(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value.to_string())
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
        <JsonEncoding as leptos::server_fn::Encodes<Self>>::encode(self)
            .unwrap_or_else(|e| leptos::server_fn::Bytes::from(format!("{{\"ServerFn\":{:?}}}", e.to_string())))
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
            D::Conflict(m) => AppError::Conflict(m),
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
