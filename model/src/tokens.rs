//! Personal API tokens as the settings page shows them (the secret only
//! once, at creation); pgdeck's server keeps and checks them (`domain::tokens`).

use crate::roles::Permission;
use serde::{Deserialize, Serialize};

/// What a token may be used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Read what the member's role can read (the audit log included, for
    /// auditors and admins).
    Read,
    /// Ask for changes through the change path: gated ones become approval
    /// requests.
    Change,
    /// Vote on others' approval requests.
    Approve,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Change, Scope::Approve];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Change => "change",
            Scope::Approve => "approve",
        }
    }

    /// The role permission a scope rests on.
    pub fn permission(self) -> Permission {
        match self {
            Scope::Read => Permission::Read,
            Scope::Change => Permission::Change,
            Scope::Approve => Permission::Approve,
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }
}

/// The text every secret starts with.
pub const PREFIX: &str = "pgd_";

/// A token as its member and admins see it (never its secret).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct TokenView {
    pub id: i64,
    pub username: String,
    pub name: String,
    /// The secret's first characters ("pgd_Ab12"), to tell tokens apart.
    pub prefix: String,
    pub scopes: String,
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub last_used_from: String,
    pub revoked_at: Option<String>,
}

/// A token just created: its secret, shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Created {
    pub token: TokenView,
    pub secret: String,
}

/// What a new token asks for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewToken {
    pub name: String,
    /// Days until it expires (1 up to the panel's limit, a year unless set).
    pub days: i64,
    pub scopes: Vec<Scope>,
}

/// Reads a stored scope list.
pub fn scopes_of(s: &str) -> Vec<Scope> {
    s.split(',').filter_map(Scope::parse).collect()
}

pub fn scopes_text(scopes: &[Scope]) -> String {
    Scope::ALL.iter().filter(|s| scopes.contains(s)).map(|s| s.as_str()).collect::<Vec<_>>().join(",")
}
