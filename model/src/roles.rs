//! Roles and what they allow. The server checks these on every call; the UI
//! only hides what a role cannot use.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A member's role.
///
/// On the wire it is its word (`"approver"`), read through [`FromStr`]: one
/// reader for JSON, forms and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::Type))]
#[cfg_attr(feature = "sqlx", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
#[serde(try_from = "String", into = "&'static str")]
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
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Operator => "operator",
            Role::Approver => "approver",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Role> for &'static str {
    fn from(r: Role) -> Self {
        r.as_str()
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

/// Reads a stored comma-separated list of roles, skipping unknown words.
pub fn parse_list(s: &str) -> Vec<Role> {
    s.split(',').filter_map(|r| r.parse().ok()).collect()
}

/// Roles as words, joined by `sep` ("approver or admin").
pub fn join(roles: &[Role], sep: &str) -> String {
    roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(sep)
}

/// Who an audit row says acted: a member in their role at the time,
/// pgdeck itself (expiries, job ends), or nobody signed in (a refused
/// sign-in). Stored as its word; a word this version does not know is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ActingRole {
    /// Nobody was signed in.
    Anonymous,
    /// pgdeck acted on its own.
    System,
    /// The local operator, at pgdeck's command line.
    CommandLine,
    /// A member, in this role.
    Member(Role),
    /// A word this version does not know.
    Other(String),
}

impl ActingRole {
    /// The stored word (empty for nobody).
    pub fn as_str(&self) -> &str {
        match self {
            ActingRole::Anonymous => "",
            ActingRole::System => "system",
            ActingRole::CommandLine => "cli",
            ActingRole::Member(r) => r.as_str(),
            ActingRole::Other(s) => s,
        }
    }
}

impl From<String> for ActingRole {
    fn from(s: String) -> Self {
        match s.as_str() {
            "" => ActingRole::Anonymous,
            "system" => ActingRole::System,
            "cli" => ActingRole::CommandLine,
            _ => s.parse().map(ActingRole::Member).unwrap_or(ActingRole::Other(s)),
        }
    }
}

impl From<ActingRole> for String {
    fn from(r: ActingRole) -> Self {
        r.as_str().to_string()
    }
}

impl fmt::Display for ActingRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

    #[test]
    fn acting_roles_keep_their_word() {
        for word in ["", "system", "cli", "auditor", "robot"] {
            let r = ActingRole::from(word.to_string());
            assert_eq!(r.as_str(), word);
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("{word:?}"));
        }
        assert_eq!(ActingRole::from("admin".to_string()), ActingRole::Member(Role::Admin));
        assert_eq!(ActingRole::from("robot".to_string()), ActingRole::Other("robot".into()));
    }
}
