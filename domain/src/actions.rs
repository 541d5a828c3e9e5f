//! The action table (see `model::actions`): each mutating endpoint's risk,
//! resource type and default gate, keyed by the name of its [`rds::Call`].

pub use model::actions::{action, describe, of, Action, Risk, ACTIONS};
