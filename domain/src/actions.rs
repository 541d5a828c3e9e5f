//! The action table (see `model::actions`): each mutating endpoint's risk,
//! resource type and default gate, keyed by the name of its [`rds::Call`].

pub use model::actions::{action, describe, of, Action, Risk, ACTIONS};

/// What a change acts on, for the audit log and the job list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    pub id: String,
    pub name: String,
}

impl Target {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self { id: id.into(), name: name.into() }
    }
}
