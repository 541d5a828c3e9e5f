//! Roles and what they allow. The server checks these on every call; the UI
//! only hides what a role cannot use.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything except the audit log.
    Viewer,
    /// Reads and changes; destructive changes go through approval.
    Operator,
    /// An operator who may also vote on other people's requests.
    Approver,
    /// Reads everything including the audit log; changes nothing.
    Auditor,
    /// All of the above, plus users and policies.
    Admin,
}

/// Something a role may or may not do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the estate.
    Read,
    /// Change the estate (or ask to, when approval is needed).
    Change,
    /// Vote on someone else's approval request.
    Approve,
    /// Read and export the audit log.
    ReadAudit,
    /// Manage members and policies.
    Administer,
}

impl Role {
    /// Every role, least to most powerful.
    pub const ALL: [Role; 5] = [Role::Viewer, Role::Auditor, Role::Operator, Role::Approver, Role::Admin];

    /// Whether the role grants `p`.
    pub fn allows(self, p: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match p {
            Read => true,
            Change => matches!(self, Operator | Approver | Admin),
            Approve => matches!(self, Approver | Admin),
            ReadAudit => matches!(self, Auditor | Admin),
            Administer => matches!(self, Admin),
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Operator => "operator",
            Role::Approver => "approver",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown role {s:?}: use viewer, operator, approver, auditor or admin"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_the_team_expects() {
        use Permission::*;
        assert!(Role::Viewer.allows(Read) && !Role::Viewer.allows(Change) && !Role::Viewer.allows(ReadAudit));
        assert!(Role::Operator.allows(Change) && !Role::Operator.allows(Approve));
        assert!(Role::Approver.allows(Change) && Role::Approver.allows(Approve) && !Role::Approver.allows(Administer));
        assert!(Role::Auditor.allows(ReadAudit) && !Role::Auditor.allows(Change));
        assert!([Read, Change, Approve, ReadAudit, Administer].iter().all(|p| Role::Admin.allows(*p)));
    }

    #[test]
    fn roles_parse_from_their_names() {
        assert_eq!("Approver".parse::<Role>(), Ok(Role::Approver));
        assert!("root".parse::<Role>().is_err());
    }
}
