//! Roles and what they allow. The server checks these on every call; the UI
//! only hides what a role cannot use. The types live in `model`, which the
//! browser shares, so pages and server speak of the same five roles.

pub use model::roles::{ActingRole, Permission, Role};
