//! Request and answer bodies of every endpoint, following the guide's field
//! tables (camelCase on the wire).
//!
//! Answers are tolerant: every field has a default, so a field upstream drops
//! or renames never fails a page; enums are open and date-times lenient.
//! Requests skip the optional fields they do not set.

use crate::datetime::Timestamp;
use crate::enums::*;
use crate::ids::*;
pub use crate::secret::Secret;
use crate::validate::{self, known_enum, range, required, Validate, ValidationError};
use serde::{Deserialize, Serialize};

/// The `header` of every answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Header {
    /// 0 on success.
    pub result_code: i64,
    /// Upstream's words.
    pub result_message: String,
    /// Whether the call succeeded.
    pub is_successful: bool,
}

impl Header {
    /// A success header.
    pub fn ok() -> Self {
        Self { result_code: 0, result_message: "SUCCESS".into(), is_successful: true }
    }

    /// A failure header.
    pub fn fail(code: i64, message: impl Into<String>) -> Self {
        Self { result_code: code, result_message: message.into(), is_successful: false }
    }
}

/// An answer that carries nothing but its header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

/// The answer of every call that starts an asynchronous job.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobAnswer {
    /// The job to follow with `GET /v1.0/jobs/{jobId}`.
    pub job_id: JobId,
}

fn is_false(b: &bool) -> bool {
    !*b
}

// One module per API area, as the sandbox's handlers are.
mod backups;
mod catalogue;
mod databases;
mod db_users;
mod events;
mod extensions;
mod hba;
mod instance_groups;
mod instances;
mod jobs;
mod monitoring;
mod notification_groups;
mod parameter_groups;
mod security_groups;
mod user_groups;

pub use backups::*;
pub use catalogue::*;
pub use databases::*;
pub use db_users::*;
pub use events::*;
pub use extensions::*;
pub use hba::*;
pub use instance_groups::*;
pub use instances::*;
pub use jobs::*;
pub use monitoring::*;
pub use notification_groups::*;
pub use parameter_groups::*;
pub use security_groups::*;
pub use user_groups::*;
